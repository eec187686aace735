"""Live pages and their updates, as the desk makes them."""

from datetime import timedelta

from django.utils import timezone

from live.models import LiveUpdate
from live.services import post_update, start_coverage
from tests.factories import ArticleFactory
from tests.people import editor, writer


def live_page(*, authors=None, by=None, **kwargs):
    """A published article whose live coverage an editor has started."""
    by = by or editor(username="desk-editor")
    article = ArticleFactory(published=True, authors=authors or [writer()], **kwargs)
    return start_coverage(article=article, user=by)


def updates(article, count, *, by, minutes_apart=1, **fields):
    """`count` updates posted through the service, then spread back in time (oldest
    first), as if posted over the afternoon."""
    posted = [
        post_update(article=article, user=by, body=f"Update number {n}.", **fields)
        for n in range(1, count + 1)
    ]
    now = timezone.now()
    for age, update in enumerate(reversed(posted)):
        update.published_at = now - timedelta(minutes=age * minutes_apart)
        LiveUpdate.objects.filter(pk=update.pk).update(published_at=update.published_at)
    return posted
