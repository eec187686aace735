"""What the articles app tells the rest of the site about public changes.

Other apps (webhooks) listen to these signals; this app imports none of them. Each is sent
once the write commits, so nobody hears of a change that was rolled back, and never for a
draft: only what readers can see, or stop seeing, is announced.
"""

import logging
from datetime import datetime

from django.db import transaction
from django.dispatch import Signal
from django_tasks import task

logger = logging.getLogger(__name__)

article_published = Signal()  # article=; sent when it goes live (by the clock, if scheduled)
article_updated = Signal()  # article=; a live article was edited or corrected
article_unpublished = Signal()  # article=; a live article was taken off the site


def send_on_commit(signal, **kwargs):
    # Robust: the write has committed, so a failing listener is logged, not the writer's 500.
    transaction.on_commit(lambda: signal.send(sender=signal, **kwargs), robust=True)


def announce_when_live(article):
    """A scheduled article goes live by the clock alone: a job waits for that moment."""
    if not announce_published.get_backend().supports_defer:
        logger.warning("The task backend cannot wait; article %s goes unannounced", article.pk)
        return
    job = announce_published.using(run_after=article.published_at)
    at = article.published_at.isoformat()
    transaction.on_commit(lambda: job.enqueue(article.pk, at))


@task()
def announce_published(article_id, published_at):
    from .models import Article

    article = Article.objects.filter(pk=article_id).first()
    # Unpublished or rescheduled since: that change made its own announcement (or job).
    if (
        article is None
        or not article.is_published
        or article.published_at != datetime.fromisoformat(published_at)
    ):
        return False
    article_published.send(sender=article_published, article=article)
    return True
