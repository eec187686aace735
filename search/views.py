"""The site search page, /search/?q=: ranked, paginated results with excerpts."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from shared.cache import depends_on
from shared.keys import ACCESS, HOME

from . import conf
from .query import search_articles
from .terms import search_terms


@require_GET
def search(request):
    # ACCESS: a wall put up or taken down rewrites what the index holds of its stories
    # (search/index.py), so a page of no results for a word past it is stale too.
    depends_on(request, HOME, ACCESS)
    raw = request.GET.get("q", "")
    terms = search_terms(raw)
    page = found = None
    if terms:
        found = search_articles(terms)
        paginator = Paginator(found, conf.SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except InvalidPage as error:
            raise Http404("No such page of results") from error
    query = raw.replace("\x00", "")[:200].strip()
    context = {
        "query": query,
        # The page puts the words in quotes itself; a reader's own would double them.
        "quoted": quoted_query(query),
        "terms": terms,
        "page_obj": page,
        "results": page.object_list if page else [],
        "is_paginated": bool(page and page.paginator.num_pages > 1),
        # Only the newest matches are counted and ranked: the page says when there are more.
        "more_than_counted": bool(found and found.more_than_counted),
    }
    return render(request, "search/search.html", context)


QUOTE_PAIRS = ['"', "'", "“”", "‘’", "„“", "«»", "»«"]


def quoted_query(query):
    """The query without the quotes a reader typed around it ("the census reveals")."""
    for pair in QUOTE_PAIRS:
        opening, closing = pair[0], pair[-1]
        if len(query) > 2 and query[0] == opening and query[-1] == closing:
            return query[1:-1].strip()
    return query
