import pytest
from django.urls import reverse

from comments.models import Comment
from comments.moderation import hold_reason
from comments.services import comment_post
from tests.comments.factories import CommentFactory

pytestmark = pytest.mark.django_db


def make_trusted(user, article, count):
    CommentFactory.create_batch(count, author=user, article=article)


def test_the_first_comment_of_a_new_commenter_waits_for_an_editor(
    reader_client, published_article, settings
):
    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    response = reader_client.post(
        reverse("comments:post", args=[published_article.pk]), {"body": "Hello, first time"}
    )
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.moderation_note == "first comment from this reader"
    assert response["Location"].endswith("#comments")
    page = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert "will appear once an editor has read it" in page
    assert "Hello, first time" not in page


def test_a_comment_with_too_many_links_waits(published_article, reader, settings):
    settings.COMMENTS_MAX_LINKS = 1
    ok = comment_post(article=published_article, author=reader, body="See https://a.example")
    held = comment_post(
        article=published_article, author=reader, body="https://a.example and www.b.example"
    )
    assert ok.status == Comment.Status.APPROVED
    assert held.status == Comment.Status.PENDING
    assert held.moderation_note == "more than 1 links"


def test_a_comment_with_a_blocked_word_waits_even_from_a_trusted_commenter(
    published_article, reader, settings
):
    settings.COMMENTS_BLOCKED_WORDS = ["scam"]
    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    make_trusted(reader, published_article, 5)
    assert hold_reason(author=reader, body="This is a SCAM, people") != ""
    assert hold_reason(author=reader, body="Scampi for dinner") == ""


def test_trusted_commenters_skip_the_first_comment_and_link_holds(
    published_article, reader, settings
):
    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    settings.COMMENTS_TRUSTED_AFTER = 2
    settings.COMMENTS_MAX_LINKS = 0
    make_trusted(reader, published_article, 1)
    assert hold_reason(author=reader, body="https://a.example") == "more than 0 links"
    make_trusted(reader, published_article, 1)
    assert hold_reason(author=reader, body="https://a.example") == ""


def test_each_rule_can_be_switched_off(published_article, reader, settings):
    settings.COMMENTS_HOLD_FIRST_COMMENT = False
    settings.COMMENTS_MAX_LINKS = None
    assert hold_reason(author=reader, body="https://a.example " * 20) == ""


def test_a_pending_reply_sends_no_email_and_does_not_appear(
    published_article, reader, settings, mailoutbox
):
    parent = CommentFactory(article=published_article)
    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    comment_post(article=published_article, author=reader, body="Held reply", parent=parent)
    assert mailoutbox == []
