from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from comments.models import Comment
from shared.cache import PREFIX, change_cache
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_comment(reader, published_article):
    return CommentFactory(author=reader, article=published_article, body="Teh original")


def test_an_author_edits_their_comment_within_the_window_and_it_is_marked_edited(
    reader_client, own_comment
):
    response = reader_client.post(
        reverse("comments:edit", args=[own_comment.pk]), {"body": "The original"}
    )
    assert response["Location"].endswith(f"#comment-{own_comment.pk}")
    own_comment.refresh_from_db()
    assert own_comment.body == "The original" and own_comment.edited_at is not None
    page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
    assert ">edited<" in page


def test_editing_after_the_window_is_refused(reader_client, own_comment, settings):
    settings.COMMENTS_EDIT_WINDOW_SECONDS = 15 * 60
    with time_machine.travel(own_comment.created_at + timedelta(minutes=16)):
        response = reader_client.post(
            reverse("comments:edit", args=[own_comment.pk]), {"body": "Sneaky change"}
        )
        assert response.status_code == 302
        page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
        assert "This comment can no longer be edited." in page
        assert f'href="{reverse("comments:edit", args=[own_comment.pk])}"' not in page
    own_comment.refresh_from_db()
    assert own_comment.body == "Teh original"


def test_nobody_can_edit_or_delete_another_persons_comment_by_changing_the_id(client, own_comment):
    client.force_login(UserFactory())
    for name in ("comments:edit", "comments:delete"):
        assert client.get(reverse(name, args=[own_comment.pk])).status_code == 404
        response = client.post(reverse(name, args=[own_comment.pk]), {"body": "Hijacked"})
        assert response.status_code == 404
    own_comment.refresh_from_db()
    assert (own_comment.body, own_comment.status) == ("Teh original", Comment.Status.APPROVED)


def test_an_anonymous_visitor_cannot_edit_or_delete(client, own_comment):
    for name in ("comments:edit", "comments:delete"):
        response = client.post(reverse(name, args=[own_comment.pk]), {"body": "Hijacked"})
        assert response["Location"].startswith(reverse("login"))
    own_comment.refresh_from_db()
    assert own_comment.body == "Teh original"


def test_deleting_leaves_a_placeholder_that_keeps_the_replies_in_place(reader_client, own_comment):
    reply = CommentFactory(article=own_comment.article, parent=own_comment, body="A reply")
    response = reader_client.post(reverse("comments:delete", args=[own_comment.pk]))
    assert response.status_code == 302
    own_comment.refresh_from_db()
    assert own_comment.status == Comment.Status.REMOVED and own_comment.body == ""
    page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
    assert "Teh original" not in page
    assert page.index("Comment removed.") < page.index("A reply")
    assert f'id="comment-{reply.pk}"' in page


def test_a_deleted_comment_without_replies_disappears(reader_client, own_comment):
    reader_client.post(reverse("comments:delete", args=[own_comment.pk]))
    page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
    assert "Comment removed." not in page


def test_an_edit_that_breaks_the_length_limit_keeps_the_text_and_says_why(
    reader_client, own_comment, settings
):
    settings.COMMENTS_MAX_LENGTH = 10
    response = reader_client.post(
        reverse("comments:edit", args=[own_comment.pk]), {"body": "far too long for it"}
    )
    assert response.status_code == 400
    assert "at most 10 characters" in response.content.decode()
    assert "far too long for it" in response.content.decode()


def test_an_edit_that_adds_a_blocked_word_waits_for_review_behind_the_approved_text(
    reader_client, own_comment, settings
):
    settings.COMMENTS_BLOCKED_WORDS = ["scam"]
    reader_client.post(reverse("comments:edit", args=[own_comment.pk]), {"body": "A scam!"})
    own_comment.refresh_from_db()
    assert (own_comment.status, own_comment.held_edit) == (Comment.Status.APPROVED, "A scam!")
    assert own_comment.moderation_note.startswith("edited: ")
    page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
    assert "A scam!" not in page and "Teh original" in page


def edit(client, comment, body):
    return client.post(reverse("comments:edit", args=[comment.pk]), {"body": body})


def test_a_banned_reader_cannot_edit_their_comment_and_keeps_the_text_they_typed(
    reader_client, own_comment, reader
):
    from comments.services import commenter_ban

    commenter_ban(user=reader, moderator=UserFactory(staff=True))
    response = edit(reader_client, own_comment, "Now with https://spam.example")
    assert response.status_code == 403
    html = response.content.decode()
    assert "can no longer post comments" in html
    assert "Now with https://spam.example" in html
    own_comment.refresh_from_db()
    assert own_comment.body == "Teh original"


def test_a_comment_cannot_be_edited_once_the_articles_comments_are_closed(
    reader_client, own_comment
):
    own_comment.article.comments_open = False
    own_comment.article.save()
    response = edit(reader_client, own_comment, "Changed after closing")
    assert response.status_code == 403
    assert "Comments are closed on this article." in response.content.decode()
    own_comment.refresh_from_db()
    assert own_comment.body == "Teh original"


def test_an_edit_adding_links_is_held_even_when_the_edited_comment_made_its_author_trusted(
    reader_client, own_comment, reader, settings
):
    # Two earlier approved comments plus this one reach the trust threshold of three; the
    # edited comment must not count towards the trust that lets its own links through.
    settings.COMMENTS_TRUSTED_AFTER = 3
    settings.COMMENTS_MAX_LINKS = 0
    CommentFactory.create_batch(2, author=reader, article=own_comment.article)
    edit(reader_client, own_comment, "Buy at https://spam.example")
    own_comment.refresh_from_db()
    assert own_comment.held_edit == "Buy at https://spam.example"
    assert own_comment.moderation_note == "edited: more than 0 links"
    page = reader_client.get(own_comment.article.get_absolute_url()).content.decode()
    assert "spam.example" not in page


HELD_NOTICE = "Your edit is waiting for approval; readers see your earlier text until then."


@pytest.fixture
def answered(own_comment, settings):
    """The author's approved comment, another reader's approved reply under it, and
    the first-comment hold on, which holds any edit of the author's only approved comment."""
    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    other = UserFactory(display_name="Otto Other")
    return CommentFactory(
        article=own_comment.article, parent=own_comment, author=other, body="Well said, Rosa."
    )


def test_an_edit_held_for_review_keeps_the_comment_and_the_replies_under_it_for_everyone(
    reader_client, client, own_comment, answered
):
    response = reader_client.post(
        reverse("comments:edit", args=[own_comment.pk]), {"body": "The original"}, follow=True
    )
    author_page = response.content.decode()
    assert HELD_NOTICE in author_page
    for page in (
        author_page,
        Client().get(own_comment.article.get_absolute_url()).content.decode(),
    ):
        assert "Teh original" in page and "Well said, Rosa." in page
        assert 'class="comments__count">(2)<' in page
        assert "No comments yet" not in page and "The original" not in page
    own_comment.refresh_from_db()
    assert own_comment.status == Comment.Status.APPROVED
    assert own_comment.moderation_note == "edited: first comment from this reader"


def test_the_author_edits_on_from_the_text_that_waits_and_the_page_says_it_waits(
    reader_client, own_comment, answered
):
    edit(reader_client, own_comment, "The original")
    html = reader_client.get(reverse("comments:edit", args=[own_comment.pk])).content.decode()
    assert "The original</textarea>" in html
    assert "Your last edit is waiting for approval" in html


def test_going_back_to_the_approved_text_drops_the_edit_that_waits(
    reader_client, own_comment, answered
):
    held = reader_client.post(
        reverse("comments:edit", args=[own_comment.pk]), {"body": "The original"}, follow=True
    )
    assert HELD_NOTICE in held.content.decode()
    response = edit(reader_client, own_comment, "Teh original")
    page = reader_client.get(response["Location"]).content.decode()
    assert HELD_NOTICE not in page
    own_comment.refresh_from_db()
    assert (own_comment.held_edit, own_comment.moderation_note) == ("", "")


def changes_of(article):
    """What the change cache holds for the keys a comment's edit could name."""
    keys = [f"comments:{article.pk}", article.cache_key, "site", "nav", "*"]
    found = change_cache().get_many([PREFIX + key for key in keys])
    return {key: found.get(PREFIX + key) for key in keys}


def test_an_edit_held_for_review_names_no_public_key(
    reader_client, own_comment, answered, django_capture_on_commit_callbacks
):
    before = changes_of(own_comment.article)
    with django_capture_on_commit_callbacks(execute=True):
        edit(reader_client, own_comment, "The original")
    assert changes_of(own_comment.article) == before


def test_an_edit_shown_at_once_names_only_its_articles_comments(
    reader_client, own_comment, django_capture_on_commit_callbacks
):
    article = own_comment.article
    before = changes_of(article)
    with django_capture_on_commit_callbacks(execute=True):
        edit(reader_client, own_comment, "The original")
    after = changes_of(article)
    changed = {key for key in before if after[key] != before[key]}
    assert changed == {f"comments:{article.pk}", "*"}
    assert "The original" in Client().get(article.get_absolute_url()).content.decode()
