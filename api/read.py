"""The read API: the public archive, only ever through Article.objects.published()."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from ninja import Query, Router
from taggit.models import Tag, TaggedItem

from accounts.models import User
from articles.models import Article, Category
from articles.services import article_redirect_for
from pages.models import Page
from search.query import search_articles
from search.terms import search_terms
from shared.cache import depends_on
from shared.keys import HOME, NAV, author_key, category_key, static_page_key, tag_key

from . import cursors
from . import representations as show
from .errors import BadParameter
from .schemas import (
    ArticleFilters,
    ArticleOut,
    ArticlePage,
    AuthorPage,
    CategoryPage,
    Error,
    Paging,
    StaticPagePage,
    TagPage,
)

router = Router(tags=["read"])
# HEAD too: monitors and CDNs ask it; the page cache answers it without a body.
READ = ["GET", "HEAD"]
NOT_FOUND = {404: Error}
BAD = {400: Error}


def public_articles():
    return (
        Article.objects.published()
        .select_related("category", "featured_image")
        .prefetch_related("authors", "tags", "corrections")
    )


def tagged_articles():
    return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article))


def with_tag(slug):
    return Exists(tagged_articles().filter(object_id=OuterRef("pk"), tag__slug=slug))


def by_author(slug):
    return Exists(
        Article.authors.through.objects.filter(article_id=OuterRef("pk"), user__slug=slug)
    )


def item_keys(items):
    """What the items of a list show: each story's text and corrections (`text_keys`) and
    its picture. `home` and the filters' keys say which stories are listed, not what each
    one now says: a correction marks only its story's keys."""
    return [
        key
        for item in items
        for key in (
            *item.text_keys,
            *([item.featured_image.cache_key] if item.featured_image else []),
        )
    ]


def filter_keys(filters):
    """The dependency keys of a filtered list: `home` and what each filter names."""
    keys = [HOME]
    for model, key_of, value in (
        (Category, category_key, filters.category),
        (Tag, tag_key, filters.tag),
        (User, author_key, filters.author),
    ):
        if value:
            found = model.objects.filter(slug=value).values_list("pk", flat=True).first()
            if found is not None:
                keys.append(key_of(found))
    return keys


@router.api_operation(
    READ, "articles/", response={200: ArticlePage, **BAD}, summary="Published articles"
)
def article_list(request, filters: Query[ArticleFilters]):
    """Newest first, or by relevance with `q`. Unknown slugs give an empty list."""
    if filters.q is not None:
        return search_page(request, filters)
    articles = public_articles()
    if filters.category:
        articles = articles.filter(category__slug=filters.category)
    if filters.tag:
        articles = articles.filter(with_tag(filters.tag))
    if filters.author:
        articles = articles.filter(by_author(filters.author))
    if filters.updated_since:
        articles = articles.filter(updated_at__gte=filters.updated_since)  # in UTC (schemas.py)
    depends_on(request, *filter_keys(filters))
    items, cursor = cursors.newest_first(articles, filters.cursor, filters.limit)
    depends_on(request, *item_keys(items))
    return page(request, [show.article(request, item) for item in items], cursor)


def search_page(request, filters):
    for name in ("category", "tag", "author", "updated_since"):
        if getattr(filters, name) is not None:
            raise BadParameter(name, f"`{name}` cannot be combined with `q`.")
    terms = search_terms(filters.q)
    if not terms:
        raise BadParameter("q", "`q` has no words to search for.")
    found, cursor = cursors.ranked(search_articles(terms), filters.cursor, filters.limit)
    # The search gives the page's ids in rank order; this fetches what an item shows.
    rows = public_articles().in_bulk([article.pk for article in found])
    shown = [rows[a.pk] for a in found if a.pk in rows]
    depends_on(request, HOME, *item_keys(shown))
    items = [show.article(request, story) for story in shown]
    return page(request, items, cursor)


def page(request, results, cursor):
    return {"results": results, "next": cursors.next_link(request, cursor) if cursor else None}


@router.api_operation(
    READ,
    "articles/{slug}/",
    response={200: ArticleOut, 301: None, **NOT_FOUND},
    summary="One article",
)
def article_detail(request, slug: str):
    """A published article by slug; an old slug of a published article redirects (301)."""
    try:
        article = get_object_or_404(public_articles(), slug=slug)
    except Http404:
        moved = article_redirect_for(slug)
        if moved is None:
            raise
        return redirect(reverse("api:article_detail", kwargs={"slug": moved.slug}), permanent=True)
    depends_on(request, *article.page_keys, *item_keys([article]))  # its corrections too
    return show.article(request, article)


@router.api_operation(
    READ, "categories/", response=CategoryPage, summary="Categories, in the bar's order"
)
def category_list(request):
    depends_on(request, NAV)
    return page(request, [show.category(request, c) for c in Category.objects.all()], None)


@router.api_operation(
    READ, "tags/", response={200: TagPage, **BAD}, summary="Tags used on published articles"
)
def tag_list(request, paging: Query[Paging]):
    used = tagged_articles().filter(
        tag=OuterRef("pk"), object_id__in=Article.objects.published().values("pk")
    )
    depends_on(request, HOME)
    items, cursor = cursors.by_slug(Tag.objects.filter(Exists(used)), paging.cursor, paging.limit)
    return page(request, [show.tag(request, t) for t in items], cursor)


@router.api_operation(
    READ, "authors/", response={200: AuthorPage, **BAD}, summary="Authors of published articles"
)
def author_list(request, paging: Query[Paging]):
    bylines = Article.authors.through.objects.filter(
        user=OuterRef("pk"), article__in=Article.objects.published()
    )
    depends_on(request, HOME)
    people, cursor = cursors.by_slug(
        User.objects.filter(Exists(bylines)), paging.cursor, paging.limit
    )
    return page(request, [show.author(request, p) for p in people], cursor)


@router.api_operation(READ, "pages/", response=StaticPagePage, summary="Static pages")
def static_page_list(request):
    """Every published static page (a site has a handful: one list, no cursor)."""
    pages = list(Page.objects.published().order_by("path"))
    depends_on(request, NAV, *(static_page_key(static.pk) for static in pages))
    return page(request, [show.static_page(request, static) for static in pages], None)
