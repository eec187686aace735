"""The autosave's endpoints under /admin/autosave/ (staff only, through admin.site.admin_view,
which also checks CSRF as the admin does): keep a draft copy, discard it, and the offer's
HTML for a copy the browser sends late (kept while the server was out of reach)."""

from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.models import Article
from articles.services import user_can_edit
from shared.numbers import DIGITS
from shared.prepared import PreparedQuery

from .fields import from_post
from .offer import offer_for, render_offer
from .services import autosave_discard, autosave_store

NOT_YOURS = "You may not change this article, so nothing was kept."


def _article(request, pk):
    article = Article.objects.filter(pk=pk).first()
    if article is None:
        raise Http404("No such article.")
    return article


# An autosave reads what deciding needs of the article: who may change it (its status) and
# the version it was opened at; sent every 10 s by each open form, its SQL is built once.
ARTICLE_STATE = PreparedQuery(
    lambda article_id: (
        Article.objects.filter(pk=article_id).order_by().values_list("status", "lock_version")
    )
)


def _article_state(pk):
    """The article with only its id, status and version loaded (others load if read)."""
    rows = ARTICLE_STATE.rows(pk)
    if not rows:
        raise Http404("No such article.")
    loaded = dict(zip(("id", "status", "lock_version"), (pk, *rows[0]), strict=True))
    names = [f.attname for f in Article._meta.concrete_fields if f.attname in loaded]
    return Article.from_db("default", names, [loaded[name] for name in names])


@never_cache
@require_POST
def save(request, pk):
    """The change form's text fields as POSTed (FormData) become the person's autosave."""
    article = _article_state(pk)
    if not user_can_edit(request.user, article):
        return JsonResponse({"error": NOT_YOURS}, status=403)
    data, problems = from_post(request.POST)
    if problems:
        return JsonResponse({"error": " ".join(problems)}, status=413)
    if not data:
        return JsonResponse({"error": "No article text came with the request."}, status=400)
    raw = request.POST.get("edit_version", "")
    base_version = int(raw) if DIGITS.fullmatch(raw) else article.lock_version
    revision = request.POST.get("edit_revision", "")
    saved_at = autosave_store(
        article=article,
        user=request.user,
        data=data,
        base_version=base_version,
        base_revision=revision if DIGITS.fullmatch(revision) else "",
    )
    local = timezone.localtime(saved_at)
    return JsonResponse({"saved_at": saved_at.isoformat(), "time": f"{local:%H:%M}"})


@never_cache
@require_POST
def discard(request, pk):
    """Forget the person's autosave; a script gets JSON, a plain form goes back to the form."""
    article = _article(request, pk)
    autosave_discard(article_id=article.pk, user_id=request.user.pk)
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"discarded": True})
    messages.success(request, "Your unsaved changes were discarded.")
    return redirect("admin:articles_article_change", article.pk)


@never_cache
@require_GET
def offer(request, pk):
    """The offer's HTML, or 204 when there is nothing to offer."""
    article = _article(request, pk)
    if not user_can_edit(request.user, article):
        return JsonResponse({"error": NOT_YOURS}, status=403)
    found = offer_for(article, request.user)
    if found is None:
        return HttpResponse(status=204)
    return HttpResponse(render_offer(request, article, found))
