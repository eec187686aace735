from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag, TaggedItem

from accounts.models import User
from newsroom.cache import cached_fragment

from . import conf
from .listings import cards_among, home_sections, published_cards, related_articles
from .models import Article, Category
from .search import search_articles, search_terms
from .services import article_redirect_for
from .trending import TrendingResults


class PublishedListView(ListView):
    """A paginated list of published articles, newest first. Pages past the end, page 0
    and pages that are not numbers answer 404: those addresses never held content."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"
    # Tag and author pages filter with EXISTS rather than a join, so the database walks the
    # public index newest first and stops at the page; given a join, SQLite with statistics
    # (ANALYZE) read all of a prolific author's bylines and sorted them (150 ms at 100,000).

    def published(self):
        return published_cards().latest_first()

    def paginate_queryset(self, queryset, page_size):
        if isinstance(queryset, QuerySet):
            queryset = PagedByIds(queryset)
        return super().paginate_queryset(queryset, page_size)


def tagged_articles():
    return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article))


class PagedByIds:
    """A listing a Paginator pages through ids first: the page's ids come from the covering
    index (an OFFSET there skips index entries, not rows), then its cards by primary key,
    so the last page of a large archive costs about what the first does (one query)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self):
        return self.queryset.count()

    def exists(self):
        return self.queryset.exists()

    def __getitem__(self, window):
        page_ids = self.queryset.values("pk")[window]
        ordering = self.queryset.query.order_by or Article._meta.ordering
        return list(cards_among(page_ids).order_by(*ordering))


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**home_sections(), **kwargs)


class CategoryView(PublishedListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        self.nothing_trending = False
        if self.category.shows_trending:
            results = TrendingResults()
            if results.count():
                return results
            # No reads yet (a new site, or a quiet two days): say so, and show the newest.
            self.nothing_trending = True
            return self.published()
        return self.published().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category, nothing_trending=self.nothing_trending, **kwargs
        )


class TagView(PublishedListView):
    template_name = "articles/tag_detail.html"
    allow_empty = False  # a tag used only on drafts stays private

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published().filter(
            Exists(tagged_articles().filter(object_id=OuterRef("pk"), tag=self.tag))
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedListView):
    template_name = "articles/author_detail.html"
    allow_empty = False  # readers and unpublished writers have no public page

    def get_queryset(self):
        self.author = get_object_or_404(User, slug=self.kwargs["slug"])
        bylines = Article.authors.through.objects.filter(
            article_id=OuterRef("pk"), user=self.author
        )
        return self.published().filter(Exists(bylines))

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The one place archived articles are served: readable at their address, never listed.
        return (
            Article.objects.readable_at_address()
            .for_listing()
            .select_related("social_image")
            .prefetch_related("tags", "corrections")
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A published article whose slug was changed keeps its old address working.
            article = article_redirect_for(kwargs["slug"])
            if article is not None:
                return redirect(article, permanent=True)
            if Article.objects.taken_down().at_address(kwargs["slug"]).exists():
                return render(request, "410.html", status=410)
            raise

    def get_context_data(self, **kwargs):
        article = self.object
        tags = list(article.tags.all())
        return super().get_context_data(
            tags=tags,
            # Shared by every worker until public content changes, like the home sections.
            related=cached_fragment(
                f"related:{article.pk}",
                lambda: related_articles(article, [tag.pk for tag in tags]),
            ),
            updated_at=article.updated_for_readers,
            noindex=article.is_noindex,
            share_url=self.request.build_absolute_uri(article.get_absolute_url()),
            **kwargs,
        )


@require_GET
def search(request):
    raw = request.GET.get("q", "")
    terms = search_terms(raw)
    page = None
    if terms:
        paginator = Paginator(search_articles(terms), conf.SEARCH_RESULTS_PER_PAGE)
        try:
            page = paginator.page(request.GET.get("page", 1))
        except InvalidPage as error:
            raise Http404("No such page of results") from error
    context = {
        "query": raw.replace("\x00", "")[:200].strip(),
        "terms": terms,
        "page_obj": page,
        "results": page.object_list if page else [],
        "is_paginated": bool(page and page.paginator.num_pages > 1),
    }
    return render(request, "articles/search.html", context)
