from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_GET

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
    return JsonResponse(stream.poll_answer(article))


@require_GET
def update_permalink(request, pk):
    """An update's permanent address: the page of the stream that shows it now."""
    update = get_object_or_404(LiveUpdate.objects.visible().select_related("article"), pk=pk)
    article = live_article(update.article_id)
    number = stream.page_of(update)
    query = f"?page={number}" if number > 1 else ""
    return redirect(f"{article.get_absolute_url()}{query}#{update.anchor}")
