"""Logged-in readers get the shared page plus their own parts, and nothing of anyone else's."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from shared.page_cache import page_key
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def csrf_tokens(html):
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html))


@pytest.fixture
def readers(published_article):
    ada = UserFactory(display_name="Ada Reader")
    bo = UserFactory(display_name="Bo Reader")
    CommentFactory(article=published_article, author=ada, body="Ada says the ferry is late.")
    CommentFactory(article=published_article, author=bo, body="Bo says it is on time.")
    clients = {"ada": Client(), "bo": Client(), "anonymous": Client()}
    clients["ada"].force_login(ada)
    clients["bo"].force_login(bo)
    return clients


def read_in_turn(clients, url, rounds=2):
    pages = {}
    for _ in range(rounds):
        for name, client in clients.items():
            response = client.get(url)
            assert response.status_code == 200
            pages.setdefault(name, []).append(response)
    return pages


def test_each_reader_sees_only_their_own_name_token_and_controls(readers, published_article):
    pages = read_in_turn(readers, published_article.get_absolute_url())

    for response in pages["ada"]:
        html = response.content.decode()
        assert "Ada Reader" in html.split("</header>")[0]  # the account menu
        assert html.count(">Edit</a>") == 1 and html.count(">Delete</a>") == 1  # her comment
        assert html.count(">Flag</button>") == 1  # Bo's comment
        assert "You need to log in" not in html
        assert csrf_tokens(html)  # her comment form, flag and log-out forms
    ada_tokens = set().union(*(csrf_tokens(r.content.decode()) for r in pages["ada"]))
    bo_tokens = set().union(*(csrf_tokens(r.content.decode()) for r in pages["bo"]))
    assert ada_tokens and bo_tokens and not ada_tokens & bo_tokens

    for response in pages["bo"]:
        header = response.content.decode().split("</header>")[0]
        assert "Bo Reader" in header and "Ada Reader" not in header

    for response in pages["anonymous"]:
        html = response.content.decode()
        assert "You need to log in to leave a comment" in html
        assert not csrf_tokens(html)
        assert ">Edit</a>" not in html and ">Flag</button>" not in html
        assert "Ada Reader" not in html.split("</header>")[0]
        assert "public" in response["Cache-Control"]
    assert pages["anonymous"][1]["X-Cache"] == "hit"


def test_readers_pages_are_built_from_the_shared_page_and_never_stored_whole(
    readers, published_article
):
    url = published_article.get_absolute_url()
    pages = read_in_turn(readers, url)

    assert [r["X-Cache"] for r in pages["bo"]] == ["shell", "shell"]
    for name in ("ada", "bo"):
        for response in pages[name]:
            assert "private" in response["Cache-Control"]
            assert "Surrogate-Key" not in response or "public" not in response["Cache-Control"]
    request = RequestFactory().get(url)
    for kind in ("shell", "page"):  # what is kept and shared holds nothing of one reader's
        body = cache.get(page_key(request, kind))["body"]
        assert b"Ada Reader" not in body.split(b"</header>")[0]
        assert b"Bo Reader" not in body.split(b"</header>")[0]
        assert b"csrfmiddlewaretoken" not in body
        assert b">Edit</a>" not in body and b">Flag</button>" not in body


def test_a_logged_in_readers_page_costs_only_their_own_parts(
    readers, published_article, django_assert_max_num_queries
):
    url = published_article.get_absolute_url()
    readers["anonymous"].get(url)  # the shared page is built
    readers["ada"].get(url)
    # Her session, account, ban and flags are kept for her.
    with django_assert_max_num_queries(0):
        html = readers["ada"].get(url).content.decode()
    assert "Ada says the ferry is late." in html
