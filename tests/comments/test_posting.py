import re
from datetime import timedelta
from urllib.parse import quote

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def post(client, article, body="Well reported.", **extra):
    return client.post(reverse("comments:post", args=[article.pk]), {"body": body, **extra})


def test_a_logged_in_reader_posts_a_comment_and_lands_on_its_permalink(
    reader_client, published_article, reader
):
    response = post(reader_client, published_article, "Great piece.\nThanks!")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{published_article.get_absolute_url()}#comment-{comment.pk}"
    assert comment.author == reader and comment.status == Comment.Status.APPROVED
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert f'id="comment-{comment.pk}"' in page
    assert "Great piece.<br>Thanks!" in page


def test_an_anonymous_post_is_refused_and_creates_nothing(client, published_article):
    response = post(client, published_article)
    assert response.status_code == 302
    back = quote(f"{published_article.get_absolute_url()}#comments", safe="/")
    assert response["Location"] == f"{reverse('login')}?next={back}"
    assert not Comment.objects.exists()


def test_a_post_without_a_csrf_token_is_refused(published_article, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    response = post(client, published_article)
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_token_in_a_readers_form_is_new_on_every_page_and_accepted(published_article, reader):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    url = published_article.get_absolute_url()
    tokens = []
    for _ in range(3):  # the first page gives the reader a CSRF cookie; the others use it
        page = client.get(url).content.decode()
        tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])
    assert len(set(tokens)) == 3 and all(len(token) == 64 for token in tokens)
    response = post(client, published_article, "Well reported.", csrfmiddlewaretoken=tokens[-1])
    assert response.status_code == 302
    assert Comment.objects.get().body == "Well reported."
    forged = tokens[-1][:32] + tokens[0][32:]
    assert post(client, published_article, "Forged", csrfmiddlewaretoken=forged).status_code == 403


def test_comments_on_an_unpublished_article_are_refused(reader_client, category):
    for article in (ArticleFactory(category=category), ArticleFactory(scheduled=True)):
        assert post(reader_client, article).status_code == 404
    assert not Comment.objects.exists()


def test_comments_on_a_closed_article_are_refused_and_the_page_says_so(
    reader_client, published_article
):
    published_article.comments_open = False
    published_article.save()
    response = post(reader_client, published_article, "Let me in")
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()
    assert "Let me in" in response.content.decode()
    assert not Comment.objects.exists()
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert "Comments are closed on this article." in page
    assert 'id="comment-form"' not in page


def test_comments_close_by_themselves_some_days_after_publishing(
    reader_client, published_article, settings
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = 7
    with time_machine.travel(published_article.published_at + timedelta(days=6, hours=23)):
        assert post(reader_client, published_article, "Still open").status_code == 302
    with time_machine.travel(published_article.published_at + timedelta(days=7, minutes=1)):
        assert post(reader_client, published_article, "Too late").status_code == 403
    assert list(Comment.objects.values_list("body", flat=True)) == ["Still open"]


def test_a_too_long_comment_is_refused_with_its_length_and_the_text_kept(
    reader_client, published_article, settings
):
    settings.COMMENTS_MAX_LENGTH = 20
    response = post(reader_client, published_article, "x" * 25)
    html = response.content.decode()
    assert response.status_code == 400
    assert "at most 20 characters; this one has 25" in html
    assert "x" * 25 in html
    assert not Comment.objects.exists()


def test_an_empty_comment_is_refused_with_a_clear_message(reader_client, published_article):
    response = post(reader_client, published_article, "   ")
    assert response.status_code == 400
    assert "Write something before posting." in response.content.decode()
    assert not Comment.objects.exists()


def test_the_same_comment_twice_is_refused_as_a_duplicate(reader_client, published_article):
    post(reader_client, published_article, "Same words")
    response = post(reader_client, published_article, "Same words")
    assert response.status_code == 409
    assert "You have already posted this comment." in response.content.decode()
    assert Comment.objects.count() == 1


def test_a_bot_filling_the_honeypot_posts_nothing(reader_client, published_article):
    response = post(reader_client, published_article, "Buy now", website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_reply_is_threaded_under_its_parent(reader_client, published_article):
    parent = CommentFactory(article=published_article)
    post(reader_client, published_article, "I agree", parent=parent.pk)
    reply = Comment.objects.get(body="I agree")
    assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    parent_at = page.index(f'id="comment-{parent.pk}"')
    assert parent_at < page.index('class="comment-list comment-list--replies"')
    assert page.index(f'id="comment-{reply.pk}"') > parent_at


def test_replies_past_the_deepest_level_join_the_thread_at_that_level(
    reader_client, published_article, settings
):
    settings.COMMENTS_MAX_DEPTH = 3
    top = CommentFactory(article=published_article)
    second = CommentFactory(article=published_article, parent=top)
    third = CommentFactory(article=published_article, parent=second)
    post(reader_client, published_article, "Deeper still", parent=third.pk)
    reply = Comment.objects.get(body="Deeper still")
    assert (reply.parent, reply.depth, reply.root) == (second, 2, top)


def test_a_reply_to_a_comment_on_another_article_is_refused(reader_client, published_article):
    elsewhere = CommentFactory()
    response = post(reader_client, published_article, "Lost", parent=elsewhere.pk)
    assert response.status_code == 404
    assert not Comment.objects.filter(body="Lost").exists()


def test_the_reply_page_works_without_javascript(reader_client, published_article):
    parent = CommentFactory(article=published_article, body="Original point")
    response = reader_client.get(reverse("comments:reply", args=[parent.pk]))
    html = response.content.decode()
    assert "Original point" in html
    assert f'name="parent" value="{parent.pk}"' in html


def test_a_banned_reader_is_told_they_cannot_comment(reader_client, published_article, reader):
    from comments.services import commenter_ban

    commenter_ban(user=reader, moderator=UserFactory(staff=True))
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert "Your account can no longer post comments." in page
    response = post(reader_client, published_article, "Let me speak")
    assert response.status_code == 403
    assert "can no longer post comments" in response.content.decode()
    assert not Comment.objects.exists()


def test_comments_show_oldest_first_with_edited_marks(client, published_article):
    first = CommentFactory(article=published_article, body="First!")
    second = CommentFactory(
        article=published_article, body="Second", created_at=first.created_at + timedelta(1)
    )
    second.edited_at = timezone.now()
    second.save()
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert html.index("First!") < html.index("Second")
    assert html.count(">edited<") == 1


def test_with_no_closing_age_comments_stay_open_on_old_articles(
    reader_client, published_article, settings
):
    settings.COMMENTS_CLOSE_AFTER_DAYS = None
    with time_machine.travel(published_article.published_at + timedelta(days=3650)):
        assert post(reader_client, published_article, "Years later").status_code == 302
