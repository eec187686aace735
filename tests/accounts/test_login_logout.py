import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
EVIL = [
    "//evil.example",
    "/\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
    "https://evil.example/",
    "http://evil.example@testserver.evil.example/",
]


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
        {
            "username": "fresh",
            "email": "fresh@example.com",
            "password1": "a quiet harbour at dawn",
            "password2": "a quiet harbour at dawn",
            "next": target,
        },
    )
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


NESTED = "/accounts/login/%3Fnext%3D/articles/x/%2523comments"
FRESH = {
    "username": "fresh",
    "email": "fresh@example.com",
    "password1": "a quiet harbour at dawn",
    "password2": "a quiet harbour at dawn",
}


def account_links(html):
    """The log-in and sign-up links a page offers (header and form page)."""
    return set(re.findall(r'href="(/accounts/(?:login|signup)/[^"]*)"', html))


def test_the_login_pages_links_carry_the_article_not_the_login_page(client):
    html = client.get("/accounts/login/?next=/articles/x/").content.decode()
    assert account_links(html) == {
        "/accounts/login/?next=/articles/x/",
        "/accounts/signup/?next=/articles/x/",
    }
    assert 'name="next" value="/articles/x/"' in html


def test_following_login_and_signup_links_ends_instead_of_nesting_next(client):
    seen, todo = set(), {"/accounts/login/?next=/articles/x/"}
    while todo and len(seen) < 20:
        url = todo.pop()
        seen.add(url)
        todo |= account_links(client.get(url).content.decode()) - seen
    assert seen == {"/accounts/login/?next=/articles/x/", "/accounts/signup/?next=/articles/x/"}


@pytest.mark.parametrize(
    ("nested", "expected"),
    [
        ("/accounts/login/?next=/articles/x/", "/articles/x/"),
        (f"/accounts/signup/?next={NESTED}", "/articles/x/#comments"),
        ("/accounts/login/", "/"),
        ("/accounts/password_reset/", "/"),
        ("/accounts/login/?next=https://evil.example/", "/"),
        ("/accounts/profile/", "/accounts/profile/"),
    ],
)
def test_a_next_into_the_login_pages_is_replaced_by_the_one_it_carries(
    client, member, nested, expected
):
    response = client.post(
        reverse("login"), {"username": "member", "password": PASSWORD, "next": nested}
    )
    assert response["Location"] == expected


def test_signing_up_with_a_nested_next_lands_on_the_article(client):
    response = client.post(
        reverse("accounts:signup"),
        {**FRESH, "next": "/accounts/login/?next=/articles/x/"},
    )
    assert response["Location"] == "/articles/x/"
