from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from articles import access
from articles.models import Article
from shared.cache import depends_on
from shared.keys import article_key, live_key

from . import stream
from .models import LiveUpdate


def live_article(pk):
    """A live page readers may read (published, or archived once live), else 404."""
    article = get_object_or_404(Article.objects.readable_at_address(), pk=pk)
    if not article.is_live_coverage:
        raise Http404("This article has no live coverage.")
    return article


@require_GET
def poll(request, article_id):
    """The live page's newest updates as JSON, the same for every reader (no cookie, no
    per-reader query), so the page cache answers it until the next update."""
    depends_on(request, live_key(article_id), article_key(article_id))
    article = live_article(article_id)
    if not access.is_withheld(article):
        return JsonResponse(stream.poll_answer(article))
    # Behind a wall the answer is the reader's own (updates for the entitled, none for the
    # others): never kept as one answer for everyone, here nor at the edge.
    request.skip_page_cache = True
    response = JsonResponse(stream.poll_answer(article, access.may_read(request, article)))
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def update_permalink(request, pk):
    """An update's permanent address: the page of the stream that shows it now."""
    update = get_object_or_404(LiveUpdate.objects.visible().select_related("article"), pk=pk)
    article = live_article(update.article_id)
    number = stream.page_of(update)
    query = f"?page={number}" if number > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#{update.anchor}")
