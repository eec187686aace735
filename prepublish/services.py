"""Asking for links to be checked: only addresses not asked recently, once the write commits."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jobs import enqueue_on_commit

from .models import LinkCheck

# A page that answered recently is not asked again for each save of the article.
FRESH_FOR = timedelta(days=1)


def link_checks_request(urls):
    """Enqueue a check of those of `urls` with no recent answer; the job runs on commit."""
    if not settings.PREPUBLISH_LINK_CHECKS or not urls:
        return []
    fresh = set(
        LinkCheck.objects.filter(
            url__in=urls, checked_at__gte=timezone.now() - FRESH_FOR
        ).values_list("url", flat=True)
    )
    stale = [url for url in dict.fromkeys(urls) if url not in fresh]
    if stale:
        from .tasks import check_links

        enqueue_on_commit(check_links, stale)
    return stale
