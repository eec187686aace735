"""The heartbeat, leaving, the take-over and the article list's refresh. Mounted under
/admin/ through admin.site.admin_view (staff only); never in the API or webhooks."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from articles.services import user_can_edit

from . import panels, services

# What the page was before this beat: the form being edited, read-only because someone else
# holds it (from the start, or since they took it over), or read-only whatever the lock.
MODES = ("editing", "locked-out", "taken-over", "reading")


def _article(request, pk):
    return get_object_or_404(Article.objects.visible_to(request.user), pk=pk)


@never_cache
@require_POST
def heartbeat(request, pk):
    """Record this person here and answer with the panel's new state. The article is read
    only on a first beat (whether they may see it) or a free lock (whether they may edit)."""
    mode = request.POST.get("mode")
    mode = mode if mode in MODES else "reading"
    if not request.user.has_perm("articles.change_article"):
        raise PermissionDenied
    article = None

    def loaded():
        nonlocal article
        article = article or _article(request, pk)
        return article

    visit = services.presence_beat(
        article_id=pk,
        user=request.user,
        editing=mode == "editing",
        admit=loaded,  # 404 for an article this person may not open
        can_edit=lambda: user_can_edit(request.user, loaded()),
    )
    return JsonResponse(
        {
            "holding": visit.is_holder,
            "held_by": visit.lock.holder.public_name if visit.held_by_other else None,
            "taken_over_by": visit.lock.holder.public_name if visit.taken_from_you else None,
            "html": panels.render_status(request, visit, pk, mode=mode),
        }
    )


@require_POST
def leave(request, pk):
    """The tab closed (navigator.sendBeacon): drop out and free the article at once."""
    services.presence_leave(article_id=pk, user=request.user)
    return HttpResponse(status=204)


@never_cache
def take_over(request, pk):
    """A confirmation page, then a plain form POST: the lock moves to this person."""
    article = _article(request, pk)
    if not user_can_edit(request.user, article):
        raise PermissionDenied
    lock = services.live_lock(article.pk)
    refused = (
        lock is not None
        and lock.holder_id != request.user.pk
        and not services.may_take_over(request.user, lock.holder)
    )
    if request.method == "POST" and not refused:
        previous = services.lock_take_over(article=article, user=request.user)
        told = f" {previous.public_name} is told on their next heartbeat." if previous else ""
        messages.success(request, f"You are editing “{article.headline}” now.{told}")
        return redirect("admin:articles_article_change", article.pk)
    context = {
        **admin.site.each_context(request),
        "title": "Take over this article",
        "original": article,
        "lock": lock,
        "refused": refused,
    }
    status = 403 if refused else 200
    return TemplateResponse(request, "presence/take_over.html", context, status=status)


@never_cache
@require_GET
def list_status(request):
    return HttpResponse(panels.render_list_status(request))
