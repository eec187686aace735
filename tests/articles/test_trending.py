import itertools
import multiprocessing
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles import conf, trending
from articles.models import ArticleReadCount
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Firefox/120.0"


@pytest.fixture
def reader():
    return Client(HTTP_USER_AGENT=READER)


_addresses = itertools.count(1)


def read(client, article, times=1, **headers):
    """`times` reads, each by a different visitor (a new address) unless headers say."""
    for _ in range(times):
        n = next(_addresses)
        address = {"REMOTE_ADDR": f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"}
        response = client.get(article.get_absolute_url(), **{**address, **headers})
        assert response.status_code == 200


def stored_reads(article):
    return sum(ArticleReadCount.objects.filter(article=article).values_list("reads", flat=True))


def test_reads_are_counted_in_the_cache_without_a_database_write_per_view(
    reader, published_article, django_assert_max_num_queries
):
    read(reader, published_article)  # the first read of the minute also flushes
    with django_assert_max_num_queries(8) as queries:
        read(reader, published_article, times=3)
    assert not [q for q in queries.captured_queries if "article_read" in q["sql"].lower()]
    assert trending.flush_reads() == 1
    assert stored_reads(published_article) == 4


def test_flushing_twice_never_counts_a_read_twice(reader, published_article):
    read(reader, published_article, times=2)
    trending.flush_reads()
    trending.flush_reads()
    assert stored_reads(published_article) == 2


def test_reads_flush_to_the_database_about_once_a_minute(reader, published_article):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        read(reader, published_article, times=3)
        assert stored_reads(published_article) == 1  # flushed on the first read only
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        read(reader, published_article)
    assert stored_reads(published_article) == 4


@pytest.mark.parametrize(
    "agent",
    [
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.5.0",
        "python-requests/2.31",
        "facebookexternalhit/1.1",
        "Mozilla/5.0 HeadlessChrome/120.0",
        "",
    ],
)
def test_bots_and_scripts_are_not_readers(published_article, agent):
    read(Client(HTTP_USER_AGENT=agent), published_article, times=2)
    trending.flush_reads()
    assert stored_reads(published_article) == 0


def test_prefetches_missing_pages_and_other_pages_are_not_reads(reader, published_article):
    read(reader, published_article, HTTP_SEC_PURPOSE="prefetch")
    reader.get("/articles/no-such-story/")
    reader.get("/")
    trending.flush_reads()
    assert ArticleReadCount.objects.count() == 0


def test_a_read_counts_even_when_a_cache_answers_before_the_view(
    reader, published_article, settings, django_assert_num_queries
):
    # The counter sits outside any page cache: here Django's own cache middleware serves
    # the second and third views without running the view at all.
    settings.MIDDLEWARE = [
        "articles.read_counter.ReadCounterMiddleware",
        "django.middleware.cache.UpdateCacheMiddleware",
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    settings.CACHE_MIDDLEWARE_SECONDS = 60
    read(reader, published_article)
    with django_assert_num_queries(0):  # served from the cache: the view never ran
        read(reader, published_article, times=2)
    trending.flush_reads()
    assert stored_reads(published_article) == 3


def test_recent_reads_outweigh_more_numerous_older_ones(category):
    now = timezone.now()
    fresh = ArticleFactory(published=True, category=category)
    stale = ArticleFactory(published=True, category=category)
    expired = ArticleFactory(published=True, category=category)
    ArticleReadCount.objects.create(article=fresh, hour=trending.hour_of(now), reads=10)
    ArticleReadCount.objects.create(
        article=stale, hour=trending.hour_of(now) - timedelta(hours=30), reads=30
    )
    ArticleReadCount.objects.create(
        article=expired, hour=trending.hour_of(now) - timedelta(hours=49), reads=10_000
    )
    assert trending.trending_articles() == [fresh, stale]


def test_unpublished_articles_never_trend(category):
    hour = trending.hour_of(timezone.now())
    public = ArticleFactory(published=True, category=category)
    for hidden in (
        ArticleFactory(category=category),
        ArticleFactory(scheduled=True, category=category),
        ArticleFactory(status="archived", category=category),
    ):
        ArticleReadCount.objects.create(article=hidden, hour=hour, reads=1000)
    ArticleReadCount.objects.create(article=public, hour=hour, reads=1)
    assert trending.trending_articles() == [public]


def test_a_half_life_halves_the_weight_of_a_read():
    assert trending.decay_weight(0) == 1
    assert trending.decay_weight(12) == pytest.approx(0.5)
    assert trending.decay_weight(24) == pytest.approx(0.25)


def test_one_visitor_reloading_an_article_counts_once_a_day(reader, published_article):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        read(reader, published_article, times=50, REMOTE_ADDR="203.0.113.7")
    with time_machine.travel(start + timedelta(days=1), tick=False):
        read(reader, published_article, times=3, REMOTE_ADDR="203.0.113.7")
        trending.flush_reads()
    assert stored_reads(published_article) == 2


def test_visitors_are_told_apart_by_address_alone(published_article):
    read(Client(HTTP_USER_AGENT=READER), published_article, REMOTE_ADDR="203.0.113.7")
    read(Client(HTTP_USER_AGENT=READER + " Edg/120"), published_article, REMOTE_ADDR="203.0.113.7")
    read(Client(HTTP_USER_AGENT=READER), published_article, REMOTE_ADDR="203.0.113.8")
    read(Client(HTTP_USER_AGENT=READER), published_article, REMOTE_ADDR="203.0.113.8")
    trending.flush_reads()
    assert stored_reads(published_article) == 2


def test_eighty_user_agents_from_one_address_are_one_read(published_article, category):
    honest = ArticleFactory(published=True, category=category)
    read(Client(HTTP_USER_AGENT=READER), honest, times=2)
    for n in range(80):
        agent = f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}.0) Gecko/20100101 Firefox/{n}.0"
        read(Client(HTTP_USER_AGENT=agent), published_article, REMOTE_ADDR="198.51.100.9")
    trending.flush_reads()
    assert stored_reads(published_article) == 1
    assert trending.trending_articles(limit=10) == [honest, published_article]


def test_one_address_adds_reads_of_at_most_the_hourly_cap_of_articles(
    reader, category, monkeypatch
):
    monkeypatch.setattr(conf, "READS_PER_ADDRESS_HOUR", 3)
    # Mid-morning of a fixed day: both hours fall on one day whatever the wall clock says
    # (at 23:30 the next hour is tomorrow, when every article may count again).
    start = datetime(2026, 3, 10, 9, 30, tzinfo=UTC)
    with time_machine.travel(start, tick=False):
        articles = [ArticleFactory(published=True, category=category) for _ in range(5)]
        for article in articles:
            read(reader, article, REMOTE_ADDR="198.51.100.9")
        read(reader, articles[-1])  # another address is not held back
        trending.flush_reads()
    assert [stored_reads(article) for article in articles] == [1, 1, 1, 0, 1]

    with time_machine.travel(start + timedelta(hours=1), tick=False):
        for article in articles:
            read(reader, article, REMOTE_ADDR="198.51.100.9")
        trending.flush_reads()
    # A new hour, a new budget: only the articles not yet read today count.
    assert [stored_reads(article) for article in articles] == [1, 1, 1, 1, 2]


def test_the_visitor_key_holds_no_address_and_changes_with_the_day():
    today = timezone.now()
    key = trending.visitor_key(ip_address="203.0.113.7", now=today)
    assert "203.0.113.7" not in key
    assert key == trending.visitor_key(ip_address="203.0.113.7", now=today)
    tomorrow = today + timedelta(days=1)
    assert key != trending.visitor_key(ip_address="203.0.113.7", now=tomorrow)
    # The salt is random, kept only in the cache: no secret in settings recreates it.
    assert trending._day_salt(today.strftime("%Y%m%d")) != trending._day_salt("19990101")


def _count_reads(slug, first, count):
    for n in range(first, first + count):
        trending.record_read(slug, visitor=f"visitor-{n}")


@pytest.mark.parametrize("backend", ["shared.cache_backends.FileCache", "locmem"])
def test_reads_from_concurrent_workers_are_all_counted(backend, tmp_path, settings):
    if backend == "locmem":
        # One process, many threads: local memory is never shared between processes.
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            }
        }
        import threading

        workers = [
            threading.Thread(target=_count_reads, args=("busy", n * 100, 100)) for n in range(5)
        ]
    else:
        settings.CACHES = {
            "default": {
                "BACKEND": backend,
                "LOCATION": str(tmp_path / "cache"),
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            }
        }
        context = multiprocessing.get_context("fork")
        workers = [
            context.Process(target=_count_reads, args=("busy", n * 100, 100)) for n in range(5)
        ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    from django.core.cache import cache

    hour = trending.hour_key(timezone.now())
    assert cache.get(trending.COUNTER.format(hour=hour, slug="busy")) == 500
    assert cache.get(trending.SLUGS.format(hour=hour)) == ["busy"]


def test_concurrent_reloads_by_one_visitor_count_once_on_the_file_cache(tmp_path, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "shared.cache_backends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=trending.record_read, args=("busy",), kwargs={"visitor": "v"})
        for _ in range(8)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    from django.core.cache import cache

    hour = trending.hour_key(timezone.now())
    assert cache.get(trending.COUNTER.format(hour=hour, slug="busy")) == 1
