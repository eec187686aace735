"""Trending: which published articles readers are reading now (formula in docs/trending.md).

A read is counted in the shared cache (one increment, no database write); about once a
minute one request flushes the counters of the current and previous hour to
`ArticleReadCount` in one batch. The counters are running totals per hour, so a flush
writes absolute numbers and flushing twice never counts a read twice.

A visitor is their address: it counts once per article per day, and for at most
conf.READS_PER_ADDRESS_HOUR articles an hour. Headers such as the User-Agent are the
client's to choose, so they never tell visitors apart (one machine sending eighty of them
was eighty readers). The key is a hash of the address with a random salt that lives in the
cache for that day only, so yesterday's keys can no longer be tied to anyone.
"""

import fcntl
import hashlib
import ipaddress
import math
import os
import re
import secrets
import tempfile
from contextlib import contextmanager, nullcontext
from datetime import timedelta

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.memcached import BaseMemcachedCache
from django.core.cache.backends.redis import RedisCache
from django.db.models import Case, F, FloatField, Sum, Value, When
from django.utils import timezone

from . import conf
from .models import Article, ArticleReadCount

COUNTER = "trending:reads:{hour}:{slug}"
SLUGS = "trending:slugs:{hour}"
SEEN = "trending:seen:{day}:{slug}:{visitor}"
SALT = "trending:salt:{day}"
BUDGET = "trending:budget:{hour}:{visitor}"
FLUSH_LOCK = "trending:flush-lock"
DAY_TTL = 26 * 3600  # a day's keys outlive it by the flushes that may still need them
# Backends whose add() and incr() are atomic on the server (or, for local memory, within the
# only process that sees it). Any other backend's read-modify-write is serialised by a lock.
ATOMIC_BACKENDS = (RedisCache, LocMemCache, BaseMemcachedCache)
BOT_PATTERN = re.compile(
    r"bot|crawl|spider|slurp|preview|fetch|monitor|curl|wget|python-|httpx|go-http|java/|"
    r"headless|lighthouse|pingdom|facebookexternalhit|embedly|whatsapp|telegram",
    re.IGNORECASE,
)


def hour_of(moment):
    return moment.replace(minute=0, second=0, microsecond=0)


def hour_key(moment):
    return hour_of(moment).strftime("%Y%m%d%H")


def is_bot(user_agent):
    return not user_agent or bool(BOT_PATTERN.search(user_agent))


@contextmanager
def _file_lock(directory):
    os.makedirs(directory, exist_ok=True)
    # Not a cache entry's file (*.lz4cache), so the file cache's clear() and culling leave it alone.
    with open(os.path.join(directory, "trending.lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def exclusive():
    """Make the cache's add-then-incr steps atomic on the backend in use.

    The file cache (and the database cache) implement add() and incr() as a read followed by
    a write, so concurrent workers lose counts; for them every worker on the box takes one
    file lock. Redis, memcached and local memory are atomic already.
    """
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, ATOMIC_BACKENDS):
        return nullcontext()
    return _file_lock(getattr(backend, "_dir", None) or tempfile.gettempdir())


def _day_salt(day):
    key = SALT.format(day=day)
    salt = cache.get(key)
    if salt is None:
        with exclusive():
            cache.add(key, secrets.token_hex(16), timeout=DAY_TTL)
            salt = cache.get(key)
    return salt or ""


def _coarse_address(address):
    # An IPv6 household or phone rotates through its /64; counting the prefix is both kinder
    # to privacy and harder to game than the full address.
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def visitor_key(*, ip_address, now=None):
    """A key that tells visitors (addresses) apart for one day and then means nothing."""
    day = (now or timezone.now()).strftime("%Y%m%d")
    material = "\n".join([_day_salt(day), _coarse_address(ip_address)])
    return hashlib.sha256(material.encode()).hexdigest()[:20]


def record_read(slug, *, visitor=None, now=None):
    """Count one read of the article at `slug` in the cache. Costs no database query.

    With a `visitor` key, only their first read of this article today counts, and only
    while they have read fewer than conf.READS_PER_ADDRESS_HOUR articles this hour.
    Returns whether the read was counted.
    """
    now = now or timezone.now()
    hour = hour_key(now)
    key = COUNTER.format(hour=hour, slug=slug)
    with exclusive():
        if visitor is not None:
            seen = SEEN.format(day=now.strftime("%Y%m%d"), slug=slug, visitor=visitor)
            if not cache.add(seen, 1, timeout=DAY_TTL):
                return False
            if _spent(BUDGET.format(hour=hour, visitor=visitor)) > conf.READS_PER_ADDRESS_HOUR:
                cache.delete(seen)  # past the hour's budget: it may count in a later hour
                return False
        # add() succeeds once per article and hour: only then is the slug list touched.
        if cache.add(key, 1, timeout=conf.COUNTER_TTL):
            slugs_key = SLUGS.format(hour=hour)
            slugs = cache.get(slugs_key) or []
            slugs.append(slug)
            cache.set(slugs_key, slugs, timeout=conf.COUNTER_TTL)
        else:
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, timeout=conf.COUNTER_TTL)
    return True


def _spent(budget_key):
    """One more article read from the address this hour; how many so far."""
    if cache.add(budget_key, 1, timeout=conf.COUNTER_TTL):
        return 1
    try:
        return cache.incr(budget_key)
    except ValueError:  # expired between add() and incr()
        cache.set(budget_key, 1, timeout=conf.COUNTER_TTL)
        return 1


def flush_due():
    """True for one caller per flush interval, across every worker sharing the cache."""
    return cache.add(FLUSH_LOCK, 1, timeout=conf.FLUSH_SECONDS)


def flush_reads(now=None):
    """Write the cached counters of this hour and the last to the database. Returns rows."""
    now = now or timezone.now()
    rows = []
    for hour in (hour_of(now) - timedelta(hours=1), hour_of(now)):
        slugs = cache.get(SLUGS.format(hour=hour_key(hour))) or []
        if not slugs:
            continue
        keys = {COUNTER.format(hour=hour_key(hour), slug=slug): slug for slug in set(slugs)}
        counts = {keys[key]: value for key, value in cache.get_many(keys).items() if value}
        ids = dict(Article.objects.filter(slug__in=counts).values_list("slug", "pk"))
        rows += [
            ArticleReadCount(article_id=ids[slug], hour=hour, reads=reads)
            for slug, reads in counts.items()
            if slug in ids
        ]
    if rows:
        # A cleared cache restarts the counters; never let that lower a stored total.
        stored = {
            (row.article_id, row.hour): row.reads
            for row in ArticleReadCount.objects.filter(hour__gte=hour_of(now) - timedelta(hours=1))
        }
        for row in rows:
            row.reads = max(row.reads, stored.get((row.article_id, row.hour), 0))
        ArticleReadCount.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["article", "hour"],
            update_fields=["reads"],
        )
    return len(rows)


def decay_weight(age_hours):
    """Half the weight every HALF_LIFE_HOURS; see docs/trending.md."""
    return math.pow(0.5, age_hours / conf.HALF_LIFE_HOURS)


def trending_scores(now=None):
    """A queryset of {"article": pk, "score": float}, best first, published articles only."""
    now = now or timezone.now()
    current = hour_of(now)
    hours = [current - timedelta(hours=age) for age in range(conf.WINDOW_HOURS)]
    # The age of an hour bucket is counted from its middle, so this hour weighs a little
    # under 1 and the hour that is ending does not fall off a cliff at :00.
    minutes_into_hour = (now - current).total_seconds() / 3600
    weight = Case(
        *[
            When(hour=hour, then=Value(decay_weight(max(0.0, age + minutes_into_hour - 0.5))))
            for age, hour in enumerate(hours)
        ],
        default=Value(0.0),
        output_field=FloatField(),
    )
    return (
        ArticleReadCount.objects.filter(
            hour__gte=hours[-1], article__in=Article.objects.published().values("pk")
        )
        .values("article")
        .annotate(score=Sum(F("reads") * weight, output_field=FloatField()))
        .order_by("-score", "-article")
    )


def trending_articles(limit=None):
    """The trending published articles, best first, ready for cards (fixed query count)."""
    scores = trending_scores()
    if limit is not None:
        scores = scores[:limit]
    ranked = [row["article"] for row in scores]
    articles = Article.objects.published().for_listing().in_bulk(ranked)
    return [articles[pk] for pk in ranked if pk in articles]


class TrendingResults:
    """The whole ranking as a sequence a Paginator can page through (three queries a page)."""

    def __init__(self):
        self.scores = trending_scores()
        self._count = None

    def count(self):
        # Asked by the view (is anything trending?) and by the Paginator: one query.
        if self._count is None:
            self._count = self.scores.count()
        return self._count

    def __getitem__(self, window):
        ranked = [row["article"] for row in self.scores[window]]
        articles = Article.objects.published().for_listing().in_bulk(ranked)
        return [articles[pk] for pk in ranked if pk in articles]
