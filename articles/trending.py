"""Trending: which published articles readers are reading now (formula in docs/trending.md).

A read is counted in the shared cache (one increment, no database write); about once a
minute one request flushes the counters of the current and previous hour to
`ArticleReadCount` in one batch. The counters are running totals per hour, so a flush
writes absolute numbers and flushing twice never counts a read twice.
"""

import math
import re
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Case, F, FloatField, Sum, Value, When
from django.utils import timezone

from . import conf
from .models import Article, ArticleReadCount

COUNTER = "trending:reads:{hour}:{slug}"
SLUGS = "trending:slugs:{hour}"
FLUSH_LOCK = "trending:flush-lock"
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


def record_read(slug, now=None):
    """Count one read of the article at `slug` in the cache. Costs no database query."""
    now = now or timezone.now()
    hour = hour_key(now)
    key = COUNTER.format(hour=hour, slug=slug)
    # add() succeeds once per article and hour: only then is the slug list touched, so the
    # read-modify-write of that list is rare and its races cost at most a slug's first read.
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

    def count(self):
        return self.scores.count()

    def __getitem__(self, window):
        ranked = [row["article"] for row in self.scores[window]]
        articles = Article.objects.published().for_listing().in_bulk(ranked)
        return [articles[pk] for pk in ranked if pk in articles]
