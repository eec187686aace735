"""The article workflow, heard through its `ArticleTransition` rows: who submitted, sent
back, published or scheduled a story, told to whom it concerns. The articles app does not
know this app; a transition row is written by every path (admin, services, write API)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import ArticleTransition
from articles.services import article_reviewers

from . import kinds
from .models import Desk
from .services import notify


def writers(article):
    """Who wrote it: its bylines, and whoever created it."""
    people = set(article.authors.values_list("pk", flat=True))
    if article.created_by_id:
        people.add(article.created_by_id)
    return people


def reviewers(article):
    """A desk's editors where the category has some; otherwise everyone who may publish."""
    desk = Desk.objects.filter(category_id=article.category_id).first()
    editors = set(desk.editors.values_list("pk", flat=True)) if desk else set()
    return editors or set(article_reviewers().values_list("pk", flat=True))


def _name(user):
    return user.public_name if user else "Someone"


def _submitted(transition, article):
    text = f"{_name(transition.by)} submitted “{article.headline}” for review"
    return kinds.SUBMITTED, reviewers(article), text


def _sent_back(transition, article):
    text = f"{_name(transition.by)} sent “{article.headline}” back: {transition.note}"
    return kinds.SENT_BACK, writers(article), text


def _published(transition, article):
    text = f"{_name(transition.by)} published “{article.headline}”"
    return kinds.PUBLISHED, writers(article), text


def _scheduled(transition, article):
    from django.utils import formats, timezone

    when = formats.date_format(timezone.localtime(transition.published_at), "j M Y, H:i")
    text = f"{_name(transition.by)} scheduled “{article.headline}” for {when}"
    return kinds.SCHEDULED, writers(article), text


# The transition's action (articles/services.py) → who is told what.
ACTIONS = {
    "submit": _submitted,
    "send back": _sent_back,
    "publish": _published,
    "schedule": _scheduled,
}


@receiver(post_save, sender=ArticleTransition, dispatch_uid="notifications_transition")
def transition_recorded(sender, instance, created, raw=False, **kwargs):
    describe = ACTIONS.get(instance.action)
    if not created or raw or describe is None:
        return
    kind, recipients, text = describe(instance, instance.article)
    notify(
        recipients=recipients,
        kind=kind.code,
        text=text,
        article=instance.article,
        actor=instance.by,
    )
