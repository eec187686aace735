import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from comments.models import Comment, CommentBan
from shared.cache import content_version
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    user = UserFactory(staff=True)
    codenames = ["view_comment", "change_comment", "add_commentban", "view_commentban"]
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def act(client, action, comments):
    return client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": action, "_selected_action": [c.pk for c in comments]},
    )


def test_the_review_queue_lists_pending_and_flagged_comments_with_article_and_commenter(
    editor_client, published_article
):
    commenter = UserFactory(display_name="Quentin Queue")
    CommentFactory(article=published_article, author=commenter, body="Waiting", status="pending")
    CommentFactory(article=published_article, body="Flagged one", flag_count=2)
    CommentFactory(article=published_article, body="Fine and dandy")
    response = editor_client.get(reverse("admin:comments_comment_changelist") + "?queue=review")
    html = response.content.decode()
    assert "Waiting" in html and "Flagged one" in html
    assert "Fine and dandy" not in html
    assert "Quentin Queue" in html and published_article.headline in html


def test_bulk_approve_publishes_comments_and_refreshes_cached_pages(
    editor_client, client, published_article, django_capture_on_commit_callbacks
):
    held = CommentFactory.create_batch(2, article=published_article, status="pending")
    version = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        act(editor_client, "approve", held)
    assert set(Comment.objects.values_list("status", flat=True)) == {"approved"}
    assert content_version() > version
    assert held[0].body in client.get(published_article.get_absolute_url()).content.decode()


def test_bulk_spam_and_remove_take_comments_off_the_page(editor_client, published_article):
    spam, rude = CommentFactory.create_batch(2, article=published_article)
    act(editor_client, "mark_spam", [spam])
    act(editor_client, "remove", [rude])
    spam.refresh_from_db()
    rude.refresh_from_db()
    assert (spam.status, rude.status) == ("spam", "removed")


def test_banning_from_the_queue_stops_the_commenter(editor_client, published_article, reader):
    comment = CommentFactory(article=published_article, author=reader)
    act(editor_client, "ban_authors", [comment])
    assert CommentBan.objects.filter(user=reader).exists()
    banned = Client()
    banned.force_login(reader)
    response = banned.post(
        reverse("comments:post", args=[published_article.pk]), {"body": "Let me back in"}
    )
    assert response.status_code == 403
    assert not Comment.objects.filter(body="Let me back in").exists()


def test_staff_without_the_ban_permission_cannot_ban(client, published_article, reader):
    moderator = UserFactory(staff=True)
    moderator.user_permissions.set(
        Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(moderator)
    act(client, "ban_authors", [CommentFactory(article=published_article, author=reader)])
    assert not CommentBan.objects.exists()


def test_staff_without_the_change_permission_cannot_moderate(client, published_article):
    client.force_login(UserFactory(staff=True))
    held = CommentFactory(article=published_article, status="pending")
    assert client.get(reverse("admin:comments_comment_changelist")).status_code == 403
    act(client, "approve", [held])
    held.refresh_from_db()
    assert held.status == "pending"


def test_the_comment_list_opens_on_what_needs_review_newest_first(editor_client, published_article):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for body, hours in [("Older held", 2), ("Newer held", 1)]:
        created_at = now - timedelta(hours=hours)
        CommentFactory(
            article=published_article, body=body, status="pending", created_at=created_at
        )
    CommentFactory(article=published_article, body="Already fine")
    html = editor_client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "Newer held" in html and "Older held" in html and "Already fine" not in html
    assert html.index("Newer held") < html.index("Older held")
    everything = editor_client.get(reverse("admin:comments_comment_changelist") + "?queue=all")
    assert "Already fine" in everything.content.decode()
    searched = editor_client.get(reverse("admin:comments_comment_changelist") + "?q=fine")
    assert "Already fine" in searched.content.decode()


def test_the_admin_index_counts_comments_to_review_and_flagged(editor_client, published_article):
    CommentFactory.create_batch(2, article=published_article, status="pending")
    CommentFactory(article=published_article, flag_count=1)
    CommentFactory(article=published_article)
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert "3 to review</a>" in html
    assert "1 flagged</a>" in html


def moderate_url(comment):
    return reverse("admin:comments_comment_moderate", args=[comment.pk])


def test_one_click_approve_spam_and_remove_each_change_one_comment(
    editor_client, client, published_article, mailoutbox
):
    held, other, rude = CommentFactory.create_batch(3, article=published_article, status="pending")
    queue = reverse("admin:comments_comment_changelist")
    html = editor_client.get(queue).content.decode()
    assert f'formaction="{moderate_url(held)}"' in html
    response = editor_client.post(moderate_url(held), {"status": "approved"}, HTTP_REFERER=queue)
    assert response.status_code == 302 and response["Location"] == queue
    editor_client.post(moderate_url(rude), {"status": "removed"})
    editor_client.post(moderate_url(other), {"status": "spam"})
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses == {held.pk: "approved", other.pk: "spam", rude.pk: "removed"}
    assert held.body in client.get(published_article.get_absolute_url()).content.decode()


def test_one_click_moderation_needs_a_post_with_a_csrf_token_and_the_right(
    editor, published_article
):
    held = CommentFactory(article=published_article, status="pending")
    guarded = Client(enforce_csrf_checks=True)
    guarded.force_login(editor)
    assert guarded.get(moderate_url(held)).status_code == 405
    assert guarded.post(moderate_url(held), {"status": "approved"}).status_code == 403
    viewer = UserFactory(staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_comment"))
    nosy = Client()
    nosy.force_login(viewer)
    assert nosy.post(moderate_url(held), {"status": "approved"}).status_code == 403
    held.refresh_from_db()
    assert held.status == "pending"


def test_an_unknown_status_changes_nothing_and_says_so(editor_client, published_article):
    held = CommentFactory(article=published_article, status="pending")
    response = editor_client.post(moderate_url(held), {"status": "deleted"}, follow=True)
    assert "Choose approve, spam or remove." in response.content.decode()
    held.refresh_from_db()
    assert held.status == "pending"


def test_an_edit_held_for_review_is_in_the_queue_and_approving_it_puts_it_on_the_page(
    editor_client, client, published_article, reader, settings
):
    from comments import services

    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    comment = CommentFactory(article=published_article, author=reader, body="Teh original")
    CommentFactory(article=published_article, parent=comment, body="Well said, Rosa.")
    services.comment_edit(comment=comment, user=reader, body="The original, corrected")
    queue = editor_client.get(reverse("admin:comments_comment_changelist")).content.decode()
    assert "Edit waiting: The original, corrected" in queue
    assert 'aria-label="Approve edit comment' in queue
    editor_client.post(moderate_url(comment), {"status": "approved"})
    page = client.get(published_article.get_absolute_url()).content.decode()
    assert "The original, corrected" in page and "Teh original" not in page
    assert "Well said, Rosa." in page and 'class="comments__count">(2)<' in page
    comment.refresh_from_db()
    assert (comment.held_edit, comment.moderation_note) == ("", "")
    assert comment.edited_at is not None
