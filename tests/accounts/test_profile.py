import pytest
from django.urls import reverse

from accounts.models import User
from comments.models import Comment
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


def test_a_reader_edits_their_display_name_bio_and_reply_emails(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Dana", "bio": "Reads the paper daily."},
    )
    assert response["Location"] == reverse("accounts:profile")
    user.refresh_from_db()
    assert (user.display_name, user.bio, user.notify_on_reply) == (
        "Dana",
        "Reads the paper daily.",
        False,
    )
    assert "Your profile is saved." in client.get(reverse("accounts:profile")).content.decode()


def test_markup_in_a_profile_renders_as_text(client):
    user = UserFactory(display_name=XSS, bio=XSS)
    client.force_login(user)
    html = client.get(reverse("accounts:profile")).content.decode()
    assert XSS not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_profile_needs_a_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response["Location"].startswith(reverse("login"))


def test_deleting_the_account_keeps_its_comments_as_deleted_user(client, published_article):
    user = UserFactory(display_name="Leaving Soon")
    comment = CommentFactory(article=published_article, author=user, body="Still relevant")
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "correct horse battery staple"})
    assert response["Location"] == reverse("articles:home")
    assert not User.objects.filter(pk=user.pk).exists()
    comment.refresh_from_db()
    assert comment.author is None and comment.status == Comment.Status.APPROVED
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "deleted user" in html and "Leaving Soon" not in html


def test_deleting_the_account_needs_the_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 400
    assert "That is not your password." in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()
