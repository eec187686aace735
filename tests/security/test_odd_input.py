"""Odd input where strangers can type it: never a server error, always a clear answer."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import User
from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ODD = {
    "nul": "harbour\x00news",
    "only-nul": "\x00",
    "long": "harbour " * 1250,  # 10,000 characters
    "percent": "100%",
    "underscore": "_",
    "like-wildcards": "%_%",
    "rtl-override": "\u202eswen ruobrah",
    "full-width": "ｈａｒｂｏｕｒ",
    "zero-width": "har\u200bbour",
    "emoji": "harbour 🌊",
}
odd = pytest.mark.parametrize("value", ODD.values(), ids=ODD.keys())
# Path segments as a client would send them, percent-encoded; the last is not even UTF-8.
ODD_SLUGS = {
    "nul": "a%00b",
    "long": "x" * 10_000,
    "percent": "%25",
    "underscore": "_",
    "like-wildcards": "%25_%25",
    "rtl-override": "%E2%80%AEevil",
    "full-width": "%EF%BD%88%EF%BD%81",
    "lone-surrogate": "%ED%A0%80",
    "dot-dot": "..%2F..%2Fetc",
}


def error_text(response):
    soup = BeautifulSoup(response.content.decode(), "html5lib")
    return " ".join(el.get_text(" ", strip=True) for el in soup.select(".form-errors"))


def test_search_answers_odd_queries_without_error(client):
    for name, value in ODD.items():
        response = client.get(reverse("search:search"), {"q": value})
        assert response.status_code == 200, name
    # A lone surrogate cannot be UTF-8 encoded; send the bytes a broken client would.
    response = client.get(reverse("search:search"), QUERY_STRING="q=%ED%A0%80&page=1")
    assert response.status_code == 200


def test_search_finds_nothing_for_wildcards_rather_than_everything(client, published_article):
    for value in ("%", "_", "%_%", "*", '"'):
        response = client.get(reverse("search:search"), {"q": value})
        assert response.status_code == 200
        assert published_article.headline not in response.content.decode(), value


def test_search_finds_an_article_by_a_full_width_word(client, published_article):
    # "Harbour" typed in full-width letters is the same word once normalised.
    response = client.get(reverse("search:search"), {"q": "ｈａｒｂｏｕｒ"})
    assert response.status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "x", "%00", "9" * 40, "1e3"])
def test_odd_page_numbers_are_not_found_not_errors(client, published_article, page):
    for url in (
        reverse("search:search") + f"?q=harbour&page={page}",
        published_article.category.get_absolute_url() + f"?page={page}",
    ):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("prefix", ["articles", "tag", "category", "author", "feeds/tag"])
@pytest.mark.parametrize("slug", ODD_SLUGS.values(), ids=ODD_SLUGS.keys())
def test_odd_slugs_are_not_found_not_errors(client, published_article, prefix, slug):
    response = client.get(f"/{prefix}/{slug}/")
    assert response.status_code == 404


def signup_data(**overrides):
    return {
        "username": "newreader",
        "email": "new@example.com",
        "password1": "a quiet harbour at dawn",
        "password2": "a quiet harbour at dawn",
        **overrides,
    }


@odd
def test_signup_with_an_odd_username_is_refused_with_a_message_or_accepted(client, value):
    response = client.post(reverse("accounts:signup"), signup_data(username=value))
    assert response.status_code in {302, 400}
    if response.status_code == 400:
        assert error_text(response)
        assert not User.objects.exists()


def test_signup_with_odd_text_in_every_field_never_fails(client):
    for name, value in ODD.items():
        data = signup_data(
            display_name=value, email=f"{value}@example.com", password1=value, password2=value
        )
        response = client.post(reverse("accounts:signup"), data)
        assert response.status_code == 400, name
        assert error_text(response), name


@pytest.mark.parametrize("lookalike", ["ａｄｍｉｎ", "Admin", "ADMIN", "ａdmin", "ᵃdmin"])
def test_a_look_alike_of_an_existing_username_is_refused_as_taken(client, lookalike):
    UserFactory(username="admin")
    response = client.post(
        reverse("accounts:signup"), signup_data(username=lookalike, email="other@example.com")
    )
    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()
    assert User.objects.count() == 1


def test_a_full_width_username_logs_in_to_the_same_account(client):
    UserFactory(username="admin")
    response = client.post(
        reverse("login"), {"username": "ａｄｍｉｎ", "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


@pytest.mark.parametrize(
    "value",
    [pytest.param(v, id=k) for k, v in ODD.items()],
)
def test_login_with_an_odd_username_or_password_is_refused_with_a_message(client, value):
    UserFactory(username="reader")
    for data in ({"username": value, "password": "x"}, {"username": "reader", "password": value}):
        response = client.post(reverse("login"), data)
        assert response.status_code in {200, 400, 429}, data
        assert error_text(response), data
        assert client.get(reverse("accounts:profile")).status_code == 302  # still logged out


@odd
def test_comment_bodies_with_odd_text_are_posted_or_refused_with_a_message(
    client, published_article, value
):
    client.force_login(UserFactory())
    url = reverse("comments:post", kwargs={"article_id": published_article.pk})
    response = client.post(url, {"body": value})
    assert response.status_code in {302, 400}
    if response.status_code == 302:
        assert Comment.objects.get().body == value.strip()
    else:
        assert error_text(response)
        assert not Comment.objects.exists()


ODD_NUMBERS = ["²", "٣", "99999999999999999999999", "-1", "1e3"]


@pytest.mark.parametrize("number", ODD_NUMBERS)
def test_odd_page_and_follow_numbers_answer_a_page_not_an_error(client, published_article, number):
    from tests.live.factories import live_page

    article = client.get(published_article.get_absolute_url(), {"comments_page": number})
    assert article.status_code == 200
    live = client.get(live_page().get_absolute_url(), {"page": number})
    assert live.status_code == 200
    subscribe = client.get(reverse("newsletters:subscribe"), {"follow": f"category:{number}"})
    assert subscribe.status_code == 200
