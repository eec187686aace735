"""Only the newest matches are counted and ranked (search/query.py): a query matching more
says so, and the page shows the best of the newest; fewer are ranked whole, as before."""

import pytest
from django.db import connection
from django.urls import reverse

from search import conf
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


@pytest.fixture
def cap_of_three(monkeypatch):
    monkeypatch.setattr(conf, "SEARCH_RANKED_MATCHES", 3)


def results_of(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_a_query_matching_more_than_are_ranked_says_more_and_ranks_the_newest(
    client, category, cap_of_three
):
    ArticleFactory(published=True, category=category, headline="Oldest lighthouse story")
    ArticleFactory(published=True, category=category, headline="Draft", status="draft")
    ArticleFactory(published=True, category=category, headline="Lighthouse repairs")
    ArticleFactory(published=True, category=category, headline="Gulls", body="A lighthouse.")
    ArticleFactory(published=True, category=category, headline="Lighthouse reopens")
    html = results_of(client, "lighthouse")
    assert "More than 3 stories found" in html
    assert "best matches among the latest 3" in html
    assert "Oldest lighthouse story" not in html  # the fourth published match, not ranked
    # The newest three, headline matches first, whatever their age among them.
    assert html.index("Lighthouse re") < html.index("Gulls")
    assert "Lighthouse repairs" in html and "Lighthouse reopens" in html


def test_a_query_matching_no_more_than_are_ranked_counts_them_all(client, category, cap_of_three):
    for headline in ("Tram fares rise", "Tram lines close", "Tram depot sold"):
        ArticleFactory(published=True, category=category, headline=headline)
    html = results_of(client, "tram")
    assert "3 stories found." in html
    assert "More than" not in html


def test_the_pages_of_a_capped_search_cover_the_ranked_matches_only(
    client, category, settings, cap_of_three, monkeypatch
):
    monkeypatch.setattr(conf, "SEARCH_RESULTS_PER_PAGE", 2)
    for n in range(5):
        ArticleFactory(published=True, category=category, headline=f"Ferry news {n}")
    assert results_of(client, "ferry").count("Ferry news") == 2
    assert results_of(client, "ferry", page=2).count("Ferry news") == 1
    assert client.get(URL, {"q": "ferry", "page": 3}).status_code == 404


def test_on_sqlite_a_last_word_of_three_letters_or_more_also_matches_as_a_prefix(client, category):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL matches whole words (stems) only")
    ArticleFactory(published=True, category=category, headline="Harbourside flats approved")
    assert "Harbourside flats approved" in results_of(client, "harb")
    # Two letters would make FTS5 merge the lists of every word they begin.
    assert "No stories match" in results_of(client, "ha")
