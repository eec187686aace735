"""The article lists pages show: home's sections and an article's related stories.

Each is built from Article.objects.published() with what the cards need fetched up front,
so a page costs the same few queries whatever the size of the archive. Every query here is
bounded by an index and a LIMIT, never a scan of the archive: the home page and the related
stories are rebuilt on every page-cache miss, which is after every publish.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from taggit.models import TaggedItem

from shared.cache import cached_data, cached_fragment, depends_on
from shared.keys import HOME, HOME_SECTIONS, NAV, NAVIGATION

from .models import Article, Category
from .trending import trending_articles

LEAD_AND_TOP = 5
RAIL_SIZE = 4
LATEST_SIZE = 10
TRENDING_SIZE = 5
RELATED_SIZE = 4
# How far back related stories look: the newest stories per shared tag, and in the
# category. Older stories sharing more tags may be missed; an index range of this size is
# what keeps the article page cheap on any archive.
RELATED_CANDIDATES = 60
# Candidates are sought through this many of the article's tags (all of them still count
# towards the ranking), so an article with a long tag list costs no more than this.
RELATED_TAG_SEARCHES = 8

# A card shows neither; on a long article they are most of the row.
CARD_DEFERRED = ("body", "body_html")


def navigation_categories():
    """The category bar, shared by every page until a category changes."""
    return cached_data(NAVIGATION, lambda: list(Category.objects.for_navigation()), (NAV,))


def category_at(slug):
    """The category whose page is at `slug`: a category in the bar is read from the bar's
    shared rows (no query on a category page's miss), any other from the database."""
    for category in navigation_categories():
        if category.slug == slug:
            return category
    return get_object_or_404(Category, slug=slug)


def published_cards():
    return Article.objects.published().for_listing().defer(*CARD_DEFERRED)


def home_sections():
    """The home page below its heading, as HTML: built once per content version and shared
    by every worker (shared.cache), so a page-cache miss of the home page costs neither a
    query nor the rendering of some fifty cards. Nothing in it depends on the request."""
    return {"sections_html": cached_fragment(HOME_SECTIONS, render_home_sections, keys=(HOME,))}


def render_home_sections():
    return render_to_string("articles/_home_sections.html", build_home_sections())


def build_home_sections():
    """Lead, top stories, one rail per category in the bar's order, trending and latest."""
    featured = list(
        published_cards()
        .filter(is_featured=True)
        .order_by("feature_position", "-published_at")[:LEAD_AND_TOP]
    )
    recent = list(published_cards().latest_first()[: LEAD_AND_TOP + LATEST_SIZE])
    featured_ids = {article.pk for article in featured}
    lead_and_top = (featured + [a for a in recent if a.pk not in featured_ids])[:LEAD_AND_TOP]
    shown = {article.pk for article in lead_and_top}
    latest = [article for article in recent if article.pk not in shown][:LATEST_SIZE]
    return {
        "lead": lead_and_top[0] if lead_and_top else None,
        "top_stories": lead_and_top[1:],
        "rails": category_rails(exclude=shown),
        "trending": trending_articles(limit=TRENDING_SIZE),
        "latest": latest,
    }


def category_rails(exclude=()):
    """[(category, [articles])] for every category with stories, in the bar's order.

    One small LIMITed select per category on the (category, status, -published_at) index,
    joined by UNION ALL, then one fetch of those cards by primary key.
    """
    published = Article.objects.published().exclude(pk__in=exclude)
    # The bar is a shared fragment every page reads already: no query of its own here.
    bar = navigation_categories()
    categories = [category.pk for category in bar if not category.shows_trending]
    rails = [published.filter(category_id=pk) for pk in categories]
    articles = cards_among(newest_ids(rails, RAIL_SIZE)).order_by(
        "category__position", "category__name", "-published_at", "-pk"
    )
    by_category = {}
    for article in articles:
        by_category.setdefault(article.category, []).append(article)
    return list(by_category.items())


def related_articles(article, tag_ids):
    """Published stories sharing the most tags with `article`, then its category's newest.

    The candidates are the newest few per shared tag and in the category, each found by
    walking an index newest first; they are ranked by shared tags in the same query.
    """
    others = Article.objects.published().exclude(pk=article.pk)
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk")
    )
    candidates = [others.filter(category_id=article.category_id)]
    limits = [RELATED_SIZE]
    for tag_id in tag_ids[:RELATED_TAG_SEARCHES]:
        # EXISTS, not a join: the database has to walk the public index newest first and
        # stop at the limit. Given a join, SQLite with statistics (ANALYZE) chose to read
        # every tagging of the site instead (220 ms at 100,000 articles).
        candidates.append(others.filter(Exists(tagged.filter(tag_id=tag_id))))
        limits.append(RELATED_CANDIDATES)
    shared = (
        tagged.filter(tag_id__in=tag_ids or [0])
        .order_by()
        .values("object_id")
        .annotate(shared=Count("pk"))
        .values("shared")
    )
    found = list(
        with_bylines(cards_among(newest_ids(candidates, limits)))
        .annotate(shared_tags=Coalesce(Subquery(shared, output_field=IntegerField()), 0))
        .order_by("-shared_tags", "-published_at", "-pk")[:RELATED_SIZE]
    )
    # Kept as a list: it must go stale when one of its stories changes or leaves.
    depends_on(None, *(story.cache_key for story in found))
    return found


def newest_ids(querysets, limits):
    """The ids of the newest `limit` articles of each queryset, as one UNION ALL subquery.

    Each part is wrapped in `pk IN (... LIMIT n)` because SQLite refuses LIMIT directly
    inside a compound select.
    """
    if isinstance(limits, int):
        limits = [limits] * len(querysets)
    parts = [
        Article.objects.filter(
            pk__in=queryset.order_by("-published_at", "-pk").values("pk")[:limit]
        )
        .order_by()
        .values_list("pk", flat=True)
        for queryset, limit in zip(querysets, limits, strict=True)
    ]
    if not parts:
        return Article.objects.none().values_list("pk", flat=True)
    return parts[0].union(*parts[1:], all=True)


def with_bylines(queryset):
    """`queryset` with each article's authors read straight into its `byline` list. For
    rows kept in shared entries: a prefetched queryset pickles with its whole query, and
    unpickling it was most of the time to read a kept article back (450 against 120 µs)."""
    return queryset.prefetch_related(None).prefetch_related(Prefetch("authors", to_attr="byline"))


def cards_among(ids):
    """Cards for `ids`, looked up by primary key. Every id comes from a published() queryset;
    filtering the outer query again would make the database walk the whole public index."""
    return Article.objects.for_listing().defer(*CARD_DEFERRED).filter(pk__in=ids)
