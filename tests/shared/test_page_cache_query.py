"""Only the query parameters a page reads make a new page: anything else is the same page."""

import secrets

import pytest
from django.test import RequestFactory

from shared.page_cache import page_key, recent_pages

pytestmark = pytest.mark.django_db

NUMBERED = "/test/numbered/"


@pytest.fixture
def test_views(settings):
    settings.ROOT_URLCONF = "tests.shared.page_cache_urls"


def test_random_query_strings_are_served_the_one_cached_page(
    client, published_article, django_assert_num_queries
):
    url = published_article.get_absolute_url()
    page = client.get(url)
    entries = len(recent_pages.entries)

    with django_assert_num_queries(0):
        answers = [
            client.get(f"{url}?{secrets.token_hex(4)}={secrets.token_hex(8)}&v=2")
            for _ in range(20)
        ]

    assert {answer["X-Cache"] for answer in answers} == {"hit"}
    assert {answer.content for answer in answers} == {page.content}
    assert len(recent_pages.entries) == entries


def test_a_parameter_the_page_reads_still_makes_its_own_page(client, test_views):
    first = client.get(NUMBERED)
    second_page = client.get(NUMBERED + "?page=2")
    second_again = client.get(NUMBERED + "?page=2&cachebuster=91")

    assert second_page["X-Cache"] == "miss"
    assert second_page.content != first.content
    assert second_again["X-Cache"] == "hit"
    assert second_again.content == second_page.content


def test_the_api_keeps_every_parameter_in_its_key():
    factory = RequestFactory()

    plain = page_key(factory.get("/api/v1/articles/"))
    filtered = page_key(factory.get("/api/v1/articles/?category=markets"))

    assert plain != filtered
