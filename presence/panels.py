"""What the articles admin shows of presence (ARTICLE_PANELS, ARTICLE_LIST_PANELS) and the
save rules it asks (SAVE_CHECKS, SAVED); registered from apps.ready()."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article
from articles.services import user_can_edit

from . import services
from .models import Lock, Presence

STAYING_BUTTON = "_continue"  # "Save and continue editing"; any other save leaves the page


def heartbeat_seconds():
    return settings.PRESENCE_HEARTBEAT_SECONDS


def render_status(request, visit, article_id, *, mode=""):
    """The live part of the panel: who holds the article, who else is here. The same HTML on
    page load and in each heartbeat's answer; `mode` is what the page was before this answer
    (editing, locked-out or reading), so a notice can say what changed for this person."""
    context = {
        "visit": visit,
        "mode": mode,
        "take_over_url": (
            reverse("presence:take_over", args=[article_id]) if visit.may_take_over else ""
        ),
        "change_url": reverse("admin:articles_article_change", args=[article_id]),
    }
    # No request: the part needs none of the context processors (the site's identity, the
    # messages...), which cost a heartbeat more than the part itself.
    return render_to_string("presence/_status.html", context)


def change_form_panel(request, article):
    """Opening the change form is the first heartbeat: the first who may edit holds it."""
    if article is None:
        return ""
    editing = user_can_edit(request.user, article)
    visit = services.presence_beat(
        article_id=article.pk, user=request.user, editing=editing, can_edit=lambda: editing
    )
    context = {
        "status": render_status(request, visit, article.pk),
        "mode": mode_of(visit, editing),
        "heartbeat_url": reverse("presence:heartbeat", args=[article.pk]),
        "leave_url": reverse("presence:leave", args=[article.pk]),
        "interval": heartbeat_seconds(),
        "idle": settings.PRESENCE_IDLE_SECONDS,
    }
    return render_to_string("presence/_panel.html", context, request=request)


def mode_of(visit, can_edit):
    """What the page is for this person: their form to edit, someone else's to read (the
    lock), or read-only whatever the lock (no right to change this article)."""
    if visit.held_by_other and can_edit:
        return "locked-out"
    return "editing" if visit.is_holder else "reading"


def refuse_save_by_non_holder(request, article):
    if article.pk is None:
        return None
    return services.save_refusal(article=article, user=request.user)


def release_on_save_and_leave(request, article):
    # Inside the save's transaction: a save rolled back keeps the lock with it.
    if STAYING_BUTTON not in request.POST:
        services.presence_leave(article_id=article.pk, user=request.user)


def change_list_panel(request):
    return render_to_string(
        "presence/_list_panel.html",
        {
            "status": render_list_status(request),
            "url": reverse("presence:list_status"),
            "interval": heartbeat_seconds(),
        },
        request=request,
    )


def render_list_status(request):
    """Who else has which article open, among those this person may open."""
    visible = Article.objects.visible_to(request.user).values("pk")
    present = list(
        Presence.objects.live()
        .filter(article__in=visible)
        .exclude(user=request.user)
        .select_related("user", "article")
        .order_by("article__headline", "since")[:30]
    )
    holders = {
        (lock.article_id, lock.holder_id)
        for lock in Lock.objects.with_liveness().filter(
            article_id__in={entry.article_id for entry in present}, is_live=True
        )
    }
    for entry in present:
        entry.is_editing = (entry.article_id, entry.user_id) in holders
    return render_to_string("presence/_list_status.html", {"present": present}, request=request)
