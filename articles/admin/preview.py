"""Staff-only views mounted through ArticleAdmin.get_urls (so admin_view guards them).

The editor's live preview posts the Markdown here and shows what comes back: the same
renderer and sanitiser that produce what readers get, so the preview cannot drift.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.html import format_html
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ..body import body_problems, render_body
from ..models import Article


def _require_article_perm(request, codename):
    if not request.user.has_perm(f"articles.{codename}"):
        raise PermissionDenied


@never_cache
@require_GET
def article_preview(request, pk):
    """Any article as readers will see it, for staff who may see it in the admin."""
    user = request.user
    if not user.has_perm("articles.view_article"):
        raise PermissionDenied
    article = get_object_or_404(
        Article.objects.visible_to(user).for_listing().prefetch_related("tags", "corrections"),
        pk=pk,
    )
    response = render(
        request, "admin/articles/article/preview.html", {"article": article, "is_preview": True}
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_POST
def render_body_view(request):
    _require_article_perm(request, "change_article")
    source = request.POST.get("body", "")
    # Refused before any parsing: the limits that saving applies bound the preview's work too.
    problems = body_problems(source)
    if problems:
        html = format_html('<p class="nr-preview__problem">{}</p>', problems[0])
        return HttpResponse(html, status=422, content_type="text/html; charset=utf-8")
    return HttpResponse(render_body(source), content_type="text/html; charset=utf-8")


@never_cache
@require_GET
def tag_suggestions_view(request):
    """Existing tag names starting with what is typed, for the tags field's suggestions."""
    _require_article_perm(request, "change_article")
    from taggit.models import Tag

    term = request.GET.get("q", "").strip()[:50]
    names = Tag.objects.filter(name__istartswith=term).order_by("name") if term else []
    return JsonResponse({"tags": [tag.name for tag in names[:15]]})
