"""The article history pages: every revision, a readable diff of any two, and restore."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from shared.numbers import positive

from .. import services
from ..diff import text_diff
from ..models import Article
from . import save_hooks
from .panels import history_panels

DIFFED_FIELDS = [
    "headline",
    "slug",
    "standfirst",
    "body",
    "category",
    "featured_image",
    "status",
    "published_at",
    "is_featured",
    "comments_open",
    "seo_title",
    "seo_description",
]


def _article_for(model_admin, request, pk):
    article = get_object_or_404(model_admin.get_queryset(request), pk=pk)
    if not model_admin.has_view_or_change_permission(request, article):
        raise PermissionDenied
    return article


def _context(model_admin, request, article, title, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "original": article,
        "title": title,
        "can_restore": model_admin.has_change_permission(request, article),
        "time_zone": settings.TIME_ZONE,
        **extra,
    }


def history(model_admin, request, object_id):
    article = _article_for(model_admin, request, object_id)
    records = article.history.select_related("history_user").order_by("-history_date")
    transitions = article.transitions.select_related("by")[:50]
    context = _context(
        model_admin,
        request,
        article,
        f"History: {article.headline}",
        records=records[:200],
        transitions=transitions,
        article_panels=history_panels(request, article),
    )
    return TemplateResponse(request, "admin/articles/article/history.html", context)


def field_changes(older, newer):
    """[(field label, diff rows)] for the fields that differ between two revisions."""
    changes = []
    for name in DIFFED_FIELDS:
        field = Article._meta.get_field(name)
        before = str(getattr(older, field.attname) or "")
        after = str(getattr(newer, field.attname) or "")
        if before != after:
            changes.append((field.verbose_name, text_diff(before, after)))
    return changes


def compare(model_admin):
    def view(request, pk):
        article = _article_for(model_admin, request, pk)
        ids = [positive(request.GET.get("old")), positive(request.GET.get("new"))]
        if None in ids:
            messages.error(request, "Pick two revisions to compare.")
            return redirect("admin:articles_article_history", pk)
        older, newer = sorted(
            (get_object_or_404(article.history, history_id=value) for value in ids),
            key=lambda record: record.history_date,
        )
        context = _context(
            model_admin,
            request,
            article,
            f"Changes to “{article.headline}”",
            older=older,
            newer=newer,
            changes=field_changes(older, newer),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    return view


def restore(model_admin):
    @require_POST
    def view(request, pk):
        article = _article_for(model_admin, request, pk)
        if not model_admin.has_change_permission(request, article):
            raise PermissionDenied
        history_id = positive(request.POST.get("history_id"))
        if history_id is None or not article.history.filter(history_id=history_id).exists():
            messages.error(request, "That revision does not exist.")
            return redirect("admin:articles_article_history", pk)
        held = save_hooks.skip_message(article, request.user)
        if held is not None:  # their next save would undo the restore, or it theirs
            messages.warning(request, held)
            return redirect("admin:articles_article_history", pk)
        services.article_restore(article=article, user=request.user, history_id=history_id)
        messages.success(request, "Revision restored; the restore is itself in the history.")
        return redirect("admin:articles_article_change", pk)

    return view
