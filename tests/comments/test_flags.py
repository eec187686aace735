import pytest
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentFlag
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def flag(user, comment):
    client = Client()
    client.force_login(user)
    return client.post(reverse("comments:flag", args=[comment.pk]))


def test_a_reader_flags_a_comment_only_once(reader, published_article):
    comment = CommentFactory(article=published_article)
    flag(reader, comment)
    flag(reader, comment)
    comment.refresh_from_db()
    assert comment.flag_count == 1
    assert CommentFlag.objects.count() == 1


def test_enough_flags_hide_a_comment_until_an_editor_reviews_it(
    client, published_article, settings
):
    settings.COMMENTS_FLAGS_TO_HIDE = 2
    comment = CommentFactory(article=published_article, body="Rude remark")
    flag(UserFactory(), comment)
    assert "Rude remark" in client.get(published_article.get_absolute_url()).content.decode()
    flag(UserFactory(), comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "Rude remark" not in client.get(published_article.get_absolute_url()).content.decode()
    assert Comment.objects.needs_review().filter(pk=comment.pk).exists()


def test_an_anonymous_flag_is_refused(client, published_article):
    comment = CommentFactory(article=published_article)
    response = client.post(reverse("comments:flag", args=[comment.pk]))
    assert response["Location"].startswith(reverse("login"))
    comment.refresh_from_db()
    assert comment.flag_count == 0


def test_the_page_shows_a_flagged_comment_as_flagged_to_its_flagger(
    reader_client, reader, published_article
):
    comment = CommentFactory(article=published_article)
    flag(reader, comment)
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert "Flagged" in page
    assert reverse("comments:flag", args=[comment.pk]) not in page


def test_nobody_can_flag_their_own_comment(reader, published_article):
    comment = CommentFactory(article=published_article, author=reader)
    flag(reader, comment)
    comment.refresh_from_db()
    assert comment.flag_count == 0
