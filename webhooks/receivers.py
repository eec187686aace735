"""The webhooks app listens to the events other apps send; they never import it."""

from django.dispatch import receiver

from articles import events as article_events
from comments import events as comment_events
from pages import events as page_events

from . import payloads
from .models import Event
from .services import deliveries_create


@receiver(article_events.article_published)
def on_article_published(sender, article, **kwargs):
    deliveries_create(event=Event.ARTICLE_PUBLISHED, data=payloads.article_data(article))


@receiver(article_events.article_updated)
def on_article_updated(sender, article, **kwargs):
    deliveries_create(event=Event.ARTICLE_UPDATED, data=payloads.article_data(article))


@receiver(article_events.article_unpublished)
def on_article_unpublished(sender, article, **kwargs):
    data = payloads.unpublished_article_data(article)
    deliveries_create(event=Event.ARTICLE_UNPUBLISHED, data=data)


@receiver(page_events.page_published)
def on_page_published(sender, page, **kwargs):
    deliveries_create(event=Event.PAGE_PUBLISHED, data=payloads.page_data(page))


@receiver(comment_events.comment_approved)
def on_comment_approved(sender, comment, **kwargs):
    deliveries_create(event=Event.COMMENT_APPROVED, data=payloads.comment_data(comment))
