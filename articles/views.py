from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.generic import DetailView, ListView, TemplateView
from taggit.models import Tag

from accounts.models import User
from shared import site_address
from shared.cache import cached_data, cached_fragment, depends_on
from shared.keys import (
    HOME,
    article_at_entry,
    author_key,
    category_key,
    listing_count_entry,
    listing_page_entry,
    related_entry,
    tag_key,
)

from .front_hooks import front_html
from .listings import (
    cards_among,
    category_at,
    home_sections,
    published_cards,
    related_articles,
    with_bylines,
)
from .models import Article, Correction
from .services import article_redirect_for
from .trending import TrendingResults


class PublishedListView(ListView):
    """A paginated list of published articles, newest first. Pages past the end, page 0
    and pages that are not numbers answer 404: those addresses never held content."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def published(self):
        return published_cards().latest_first()

    def listing(self, queryset, listing_key):
        """The page lists `queryset`, which `listing_key` names: its count and its pages of
        cards are kept while that key (and the cards shown) are unchanged."""
        depends_on(self.request, listing_key)
        return PagedByIds(queryset, listing_key)

    def paginate_queryset(self, queryset, page_size):
        if isinstance(queryset, QuerySet):
            queryset = PagedByIds(queryset)
        return super().paginate_queryset(queryset, page_size)


class PagedByIds:
    """A listing a Paginator pages through ids first: the page's ids come from the covering
    index (an OFFSET there skips index entries, not rows), then its cards by primary key,
    so the last page of a large archive costs about what the first does (one query).

    With the key of the listing (a category, a tag, an author: marked whenever a story
    joins, leaves or moves within it), the count and each page's cards are shared entries:
    a page-cache miss with them warm runs no query, where building the cards' rows was
    about a third of a category page's miss."""

    def __init__(self, queryset, listing_key=None):
        self.queryset, self.listing_key = queryset, listing_key

    def count(self):
        if self.listing_key is None:
            return self.queryset.count()
        return cached_data(
            listing_count_entry(self.listing_key), self.queryset.count, (self.listing_key,)
        )

    def exists(self):
        if self.listing_key is None:
            return self.queryset.exists()
        return self.count() > 0

    def __getitem__(self, window):
        if self.listing_key is None:
            return self.cards(window)
        return cached_fragment(
            listing_page_entry(self.listing_key, window.start, window.stop),
            lambda: self.cards(window),
            keys=(self.listing_key,),
        )

    def cards(self, window):
        page_ids = self.queryset.values("pk")[window]
        ordering = self.queryset.query.order_by or Article._meta.ordering
        cards = list(with_bylines(cards_among(page_ids)).order_by(*ordering))
        # Kept as rows: stale when a story shown, or its picture, changes (its byline and
        # category are the "site" and "nav" every entry depends on).
        pictures = [card.featured_image for card in cards if card.featured_image]
        depends_on(
            None,
            *(key for card in cards for key in card.card_keys),
            *(picture.cache_key for picture in pictures),
        )
        return cards


class HomeView(TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        # A front laid out by the editors (fronts/), else the default: today's sections.
        html = front_html()
        if html is not None:
            return super().get_context_data(sections_html=html, **kwargs)
        depends_on(self.request, HOME)
        return super().get_context_data(**home_sections(), **kwargs)


class CategoryView(PublishedListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = category_at(self.kwargs["slug"])
        self.nothing_trending = False
        if self.category.shows_trending:
            depends_on(self.request, HOME)
            results = TrendingResults()
            if results.count():
                return results
            # No reads yet (a new site, or a quiet two days): say so, and show the newest.
            self.nothing_trending = True
            return self.published()
        return self.listing(
            self.published().in_category(self.category), category_key(self.category.pk)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            category=self.category, nothing_trending=self.nothing_trending, **kwargs
        )
        # The section's front, if its editors laid one out, leads its first page.
        if context["page_obj"].number == 1:
            context["front_html"] = front_html(self.category)
        return context


class TagView(PublishedListView):
    template_name = "articles/tag_detail.html"
    allow_empty = False  # a tag used only on drafts stays private

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.listing(self.published().tagged(self.tag), tag_key(self.tag.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedListView):
    template_name = "articles/author_detail.html"
    allow_empty = False  # readers and unpublished writers have no public page

    def get_queryset(self):
        self.author = get_object_or_404(User, slug=self.kwargs["slug"])
        return self.listing(self.published().by_author(self.author), author_key(self.author.pk))

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        # The one place archived articles are served: readable at their address, never listed.
        # Corrections are read only when there are some.
        return (
            with_bylines(Article.objects.readable_at_address().for_listing())
            .select_related("social_image")
            .annotate(has_corrections=Exists(Correction.objects.filter(article=OuterRef("pk"))))
        )

    def get_object(self, queryset=None):
        # The article with everything its page reads, shared by every worker while it is
        # unchanged: a miss whose fragments are kept then runs no query. Only a found one is
        # kept (a 404 raises through), since an address may hold a story at the next publish.
        slug = self.kwargs["slug"]
        if len(slug) > Article._meta.get_field("slug").max_length:
            raise Http404("No article has so long an address.")
        return cached_fragment(article_at_entry(slug), lambda: self.article_at(slug))

    def article_at(self, slug):
        # Its tags as a plain list, as its byline (listings.with_bylines): a prefetched
        # queryset is kept with its whole query, and unpickling that on every miss cost
        # about a tenth of the article's.
        tags = Prefetch("tags", to_attr="tag_list")
        article = get_object_or_404(self.get_queryset().prefetch_related(tags), slug=slug)
        images = (article.featured_image, article.social_image)
        # A live page's header shows the time of its latest update, kept on the row.
        depends_on(None, *article.page_keys, *(image.cache_key for image in images if image))
        article.byline, article.corrections_shown  # noqa: B018 - read now, kept with it
        return article

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A published article whose slug was changed keeps its old address working.
            article = article_redirect_for(kwargs["slug"])
            if article is not None:
                depends_on(request, article.cache_key)
                return redirect(article, permanent=True)
            if Article.objects.taken_down().at_address(kwargs["slug"]).exists():
                return render(request, "410.html", status=410)
            raise

    def get_context_data(self, **kwargs):
        article = self.object
        depends_on(self.request, *article.page_keys)
        tags = article.tag_list
        return super().get_context_data(
            tags=tags,
            # Shared by every worker while the stories it lists are unchanged; a story that
            # would now join it appears when it is next built (PAGE_CACHE_TIMEOUT at most).
            related=SimpleLazyObject(
                lambda: cached_fragment(
                    related_entry(article.pk),
                    lambda: related_articles(article, [tag.pk for tag in tags]),
                    keys=[article.cache_key],
                )
            ),
            updated_at=article.updated_for_readers,
            noindex=article.is_noindex,
            share_url=site_address.absolute_url(article.get_absolute_url()),
            **kwargs,
        )
