import pytest

from comments.models import Comment
from comments.services import comment_post
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def parent(published_article):
    author = UserFactory(display_name="Pat Parent", email="pat@example.com")
    return CommentFactory(article=published_article, author=author, body="My point")


def test_a_reply_emails_the_parent_comments_author(parent, published_article, mailoutbox):
    replier = UserFactory(display_name="Ravi Replier")
    reply = comment_post(
        article=published_article,
        author=replier,
        body="I disagree",
        parent=parent,
        site_url="https://news.example/",
    )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["pat@example.com"]
    assert "Ravi Replier replied to your comment" in email.subject
    assert "I disagree" in email.body
    assert f"https://news.example{reply.get_absolute_url()}" in email.body


def test_no_email_when_the_parent_author_opted_out(parent, published_article, mailoutbox):
    parent.author.notify_on_reply = False
    parent.author.save()
    comment_post(article=published_article, author=UserFactory(), body="Hi", parent=parent)
    assert mailoutbox == []


def test_no_email_for_replying_to_yourself(parent, published_article, mailoutbox):
    comment_post(article=published_article, author=parent.author, body="Also", parent=parent)
    assert mailoutbox == []


def approve_in_the_admin(comments):
    from django.contrib.auth.models import Permission
    from django.test import Client
    from django.urls import reverse

    editor = UserFactory(staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["change_comment"]))
    client = Client()
    client.force_login(editor)
    return client.post(
        reverse("admin:comments_comment_changelist"),
        {"action": "approve", "_selected_action": [c.pk for c in comments]},
    )


def held_reply(parent, settings, body="Held for a link https://a.example"):
    settings.COMMENTS_MAX_LINKS = 0
    return comment_post(
        article=parent.article,
        author=UserFactory(display_name="Hana Held"),
        body=body,
        parent=parent,
    )


def test_a_held_reply_emails_the_person_replied_to_once_an_editor_approves_it(
    parent, settings, mailoutbox
):
    reply = held_reply(parent, settings)
    assert reply.status == "pending" and mailoutbox == []
    approve_in_the_admin([reply])
    assert [m.to for m in mailoutbox] == [["pat@example.com"]]
    assert "Hana Held replied to your comment" in mailoutbox[0].subject
    assert f"http://testserver{reply.get_absolute_url()}" in mailoutbox[0].body


def test_approving_a_reply_again_after_flags_hid_it_does_not_email_twice(
    parent, settings, mailoutbox
):
    reply = held_reply(parent, settings)
    approve_in_the_admin([reply])
    Comment.objects.filter(pk=reply.pk).update(status="pending", flag_count=3)
    approve_in_the_admin([reply])
    assert len(mailoutbox) == 1


def test_a_reply_marked_as_spam_emails_nobody(parent, settings, mailoutbox):
    from comments.services import comment_moderate

    reply = held_reply(parent, settings)
    comment_moderate(comments=[reply], status="spam")
    assert mailoutbox == []


def test_a_held_reply_past_the_deepest_level_emails_the_person_it_answered(
    parent, settings, mailoutbox
):
    settings.COMMENTS_MAX_DEPTH = 2
    deep = CommentFactory(
        article=parent.article,
        parent=parent,
        author=UserFactory(email="deep@example.com"),
        body="Second level",
    )
    reply = held_reply(deep, settings)
    assert reply.parent_id == parent.pk  # filed under the thread's deepest shown level
    approve_in_the_admin([reply])
    assert [m.to for m in mailoutbox] == [["deep@example.com"]]


def test_approving_a_held_reply_on_its_change_page_also_emails_the_person_replied_to(
    parent, settings, mailoutbox
):
    from django.contrib.auth.models import Permission
    from django.test import Client
    from django.urls import reverse

    reply = held_reply(parent, settings)
    editor = UserFactory(staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename="change_comment"))
    client = Client()
    client.force_login(editor)
    url = reverse("admin:comments_comment_change", args=[reply.pk])
    response = client.post(
        url,
        {
            "body": reply.body,
            "status": "approved",
            "flags-TOTAL_FORMS": 0,
            "flags-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.status == "approved"
    assert [m.to for m in mailoutbox] == [["pat@example.com"]]
