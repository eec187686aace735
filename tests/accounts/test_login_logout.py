import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
EVIL = ["//evil.example", "/\\evil.example", "https:evil.example", "javascript:alert(1)",
        "https://evil.example/", "http://evil.example@testserver.evil.example/"]  # fmt: skip


@pytest.fixture
def member(db):
    return UserFactory(username="member")


def test_logging_in_returns_the_reader_to_the_article_comments(client, member):
    response = client.post(
        reverse("login"),
        {"username": "member", "password": PASSWORD, "next": "/articles/x/#comments"},
    )
    assert response["Location"] == "/articles/x/#comments"


@pytest.mark.parametrize("target", EVIL)
def test_login_never_redirects_off_the_site(client, member, target):
    response = client.post(
        reverse("login"), {"username": "member", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")


@pytest.mark.parametrize("target", EVIL)
def test_signup_never_redirects_off_the_site(client, target):
    response = client.post(
        reverse("accounts:signup"),
        {"username": "fresh", "email": "fresh@example.com", "password1": "a quiet harbour at dawn",
         "password2": "a quiet harbour at dawn", "next": target},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("articles:home")


@pytest.mark.parametrize("target", EVIL)
def test_login_and_signup_pages_never_carry_an_outside_next_into_their_forms(client, target):
    for name in ("login", "accounts:signup"):
        html = client.get(reverse(name), {"next": target}).content.decode()
        assert 'name="next" value=""' in html
        # The page's own links (sign up / log in) do not pass it on either.
        assert "?next=" not in html.split('class="form-page__links"')[1]


def test_logout_is_post_only(client, member):
    client.force_login(member)
    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("accounts:profile")).status_code == 200
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_logout_needs_a_csrf_token(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_a_wrong_password_says_so_without_naming_which_part_was_wrong(client, member):
    response = client.post(reverse("login"), {"username": "member", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


@pytest.mark.parametrize("target", EVIL)
def test_logout_never_redirects_off_the_site(client, member, target):
    client.force_login(member)
    response = client.post(reverse("logout"), {"next": target})
    assert response["Location"] == reverse("articles:home")
