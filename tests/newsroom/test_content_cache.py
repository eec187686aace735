"""The shared content version as the page cache reads it, and fragments keyed on it."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.cache.backends.filebased import FileBasedCache
from django.test import Client
from django.utils import timezone

from articles.models import Article
from newsroom.cache import (
    VERSION_KEY,
    cached_fragment,
    content_changed,
    content_version,
    current_version,
)
from tests import factories


@pytest.fixture
def file_cache(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    return tmp_path / "cache"


def test_a_bump_by_another_process_is_seen_through_the_file_cache(file_cache):
    before = current_version()
    assert current_version() == before

    another_process = FileBasedCache(str(file_cache), {})
    another_process.incr(VERSION_KEY)

    assert current_version() == before + 1


def test_a_bump_in_this_process_is_seen_at_once(file_cache):
    before = current_version()
    content_changed()
    assert current_version() == content_version() == before + 1


def test_a_flushed_cache_never_brings_an_old_version_back():
    old = content_version()
    cache.clear()
    assert content_version() != old


@pytest.mark.django_db
def test_a_flushed_cache_never_brings_old_pages_back(published_article):
    url = published_article.get_absolute_url()
    Client().get(url)
    Article.objects.filter(pk=published_article.pk).update(headline="Ferry timetable changes")

    cache.clear()  # a restarted Redis or a cleared cache directory, with no version bump

    assert "Ferry timetable changes" in Client().get(url).content.decode()


def test_a_fragment_is_built_once_per_content_version(db):
    builds = []

    def build():
        builds.append(1)
        return ["Business", "Science"]

    assert cached_fragment("navigation", build) == ["Business", "Science"]
    assert cached_fragment("navigation", build) == ["Business", "Science"]
    assert len(builds) == 1

    content_changed()
    cached_fragment("navigation", build)
    assert len(builds) == 2


def test_a_fragment_listing_articles_is_rebuilt_when_a_scheduled_one_goes_live(category):
    def headlines():
        return [article.headline for article in Article.objects.published()]

    with time_machine.travel(timezone.now(), tick=False) as clock:
        factories.ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(minutes=5),
            headline="Tide tables for the new year",
            category=category,
        )
        assert cached_fragment("latest", headlines) == []

        clock.shift(timedelta(minutes=5, seconds=1))

        assert cached_fragment("latest", headlines) == ["Tide tables for the new year"]
