"""Cursor paging: a client walking the archive while the newsroom publishes sees every
article once, none twice, whatever is published between its requests."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles import services
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def walk(client, url, between=lambda n: None):
    seen, n = [], 0
    while url:
        body = client.get(url).json()
        seen += [item["slug"] for item in body["results"]]
        url, n = body["next"], n + 1
        between(n)
    return seen


def test_every_article_is_seen_once_while_others_are_published(client):
    editor = people.editor()
    now = timezone.now()
    archive = [
        ArticleFactory(published=True, slug=f"a{n:02}", published_at=now - timedelta(hours=n))
        for n in range(1, 12)
    ]
    # Two share a publication time: the id breaks the tie.
    archive[5].published_at = archive[4].published_at
    archive[5].save()
    drafts = [ArticleFactory(slug=f"new{n}") for n in range(3)]
    scheduled = ArticleFactory(
        scheduled=True, slug="scheduled", published_at=now + timedelta(minutes=5)
    )

    def publish_more(page):
        if page <= len(drafts):
            services.article_publish(article=drafts[page - 1], user=editor)

    with time_machine.travel(now, tick=True) as clock:

        def busy_newsroom(page):
            publish_more(page)
            if page == 2:
                clock.shift(timedelta(minutes=10))  # the scheduled one goes live mid-walk

        seen = walk(client, "/api/v1/articles/?limit=3", busy_newsroom)

    expected = sorted(a.slug for a in archive)
    assert sorted(seen) == expected
    assert len(seen) == len(set(seen))
    assert not {"new0", "new1", "new2", scheduled.slug} & set(seen)


def test_the_next_link_keeps_the_filters(client):
    for n in range(3):
        ArticleFactory(published=True, tags=["Boats"], slug=f"boat{n}")
    ArticleFactory(published=True, slug="plane")

    first = client.get("/api/v1/articles/?tag=boats&limit=2").json()

    assert "tag=boats" in first["next"]
    assert first["next"].startswith("http://testserver/api/v1/articles/?")
    rest = client.get(first["next"]).json()
    assert len(first["results"]) + len(rest["results"]) == 3
    assert rest["next"] is None


def test_search_results_page_by_cursor_too(client):
    for n in range(5):
        ArticleFactory(published=True, headline=f"Lighthouse story {n}", slug=f"light{n}")

    seen = walk(client, "/api/v1/articles/?q=lighthouse&limit=2")

    assert sorted(seen) == [f"light{n}" for n in range(5)]


def test_tags_and_authors_page_by_cursor(client):
    for n in range(5):
        ArticleFactory(published=True, tags=[f"Topic {n}"])

    tags = walk_names(client, "/api/v1/tags/?limit=2")
    authors = walk_names(client, "/api/v1/authors/?limit=2")

    assert tags == [f"topic-{n}" for n in range(5)]
    assert len(authors) == len(set(authors)) == 5


def walk_names(client, url):
    seen = []
    while url:
        body = client.get(url).json()
        seen += [item["slug"] for item in body["results"]]
        url = body["next"]
    return seen
