"""Reads for the newest demo stories, so Trending News is not empty on a fresh demo."""

from datetime import timedelta

from django.utils import timezone

from articles.models import Article, ArticleReadCount
from articles.trending import hour_of

from .articles import new_rng


def seed_reads(stories=24):
    """Reads for the newest stories over the last day. Only when the trending window holds
    no reads at all: real readers' counts are never touched, and a second run adds nothing."""
    now = timezone.now()
    window_start = hour_of(now) - timedelta(hours=47)
    if ArticleReadCount.objects.filter(hour__gte=window_start).exists():
        return
    rng = new_rng(seed=7)
    newest = Article.objects.published().latest_first().values_list("pk", "published_at")
    rows = []
    for rank, (pk, published_at) in enumerate(newest[:stories]):
        # A few stories draw most readers, as on any news site.
        popularity = 400 / (rank + 1) ** 0.8
        first_hour = max(hour_of(published_at), hour_of(now) - timedelta(hours=23))
        hour = first_hour
        while hour <= now:
            reads = int(popularity * rng.uniform(0.3, 1.2))
            if reads:
                rows.append(ArticleReadCount(article_id=pk, hour=hour, reads=reads))
            hour += timedelta(hours=1)
    ArticleReadCount.objects.bulk_create(rows, ignore_conflicts=True)
