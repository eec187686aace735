"""One name for the site: the identity editors set in the admin, on pages and in e-mails alike,
never the request's host (which is what Django's auth views would show)."""

import pytest
from django.urls import reverse

from articles.models import SiteIdentity
from comments.services import comment_post
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "username": "newreader",
    "email": "new@example.com",
    "password1": "a quiet harbour at dawn",
    "password2": "a quiet harbour at dawn",
}


@pytest.fixture
def renamed():
    SiteIdentity(name="Newsroom").save()
    identity = SiteIdentity.objects.get()
    identity.name = "The Harbour Herald"
    identity.save()
    return identity.name


def test_the_login_page_names_the_site_not_the_host(client, renamed):
    html = client.get(reverse("login"), HTTP_HOST="127.0.0.1").content.decode()
    assert "<title>Log in — The Harbour Herald</title>" in html
    assert 'class="masthead__brand" href="/">The Harbour Herald</a>' in html
    assert "127.0.0.1" not in html


def test_the_password_reset_email_names_the_renamed_site(client, mailoutbox, renamed):
    UserFactory(email="forgetful@example.com")
    client.post(reverse("password_reset"), {"email": "forgetful@example.com"})
    [message] = mailoutbox
    assert message.subject == "Reset your The Harbour Herald password"
    assert "of your The Harbour Herald account" in message.body
    assert "testserver" in message.body  # the link still points at the host asked


def test_the_sign_up_emails_name_the_renamed_site(client, mailoutbox, renamed):
    UserFactory(username="owner", email="taken@example.com")
    client.post(reverse("accounts:signup"), SIGN_UP)
    client.post(
        reverse("accounts:signup"), {**SIGN_UP, "username": "x", "email": "taken@example.com"}
    )
    confirm, notice = mailoutbox
    assert confirm.subject == "Confirm your The Harbour Herald account"
    assert "for a The Harbour Herald account" in confirm.body
    assert "to The Harbour Herald with your address" in notice.subject


def test_the_admin_header_follows_a_rename(client, renamed):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("admin:index")).content.decode()
    assert "The Harbour Herald: the editorial desk" in html
    assert "<title>Editorial desk | The Harbour Herald admin</title>" in html
    identity = SiteIdentity.objects.get()
    identity.name = "Harbour Herald Daily"
    identity.save()
    assert (
        "Harbour Herald Daily: the editorial desk"
        in client.get(reverse("admin:index")).content.decode()
    )


def test_the_reply_email_names_the_renamed_site(transactional_db, mailoutbox, renamed, settings):
    settings.COMMENTS_HOLD_FIRST_COMMENT = False
    article = ArticleFactory(published=True)  # committed, so the reply's email goes out
    parent = CommentFactory(article=article, author=UserFactory(), body="My point")
    comment_post(article=article, author=UserFactory(), body="Hi", parent=parent)
    [message] = mailoutbox
    assert message.body.rstrip().endswith("— The Harbour Herald")
