"""Sitemaps: an index of sections (articles, categories, tags, authors, and the static pages
the pages app adds), each split into pages, and a Google News sitemap of the last two days.

A page is one query however large the archive: rows come with only the columns the page
needs, in an order an index serves, and the last-modified time is computed in the database.
"""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from ..models import Article
from . import conf


def slug_url(url_name):
    """reverse() once, then fill in each slug: 5,000 reverse() calls cost most of a page."""
    placeholder = "slug-placeholder"
    pattern = reverse(url_name, kwargs={"slug": placeholder})
    return lambda slug: pattern.replace(placeholder, slug)


def changed_at():
    """When a published article last changed: an edit, the clock making it public, or a
    live page's latest update. (Greatest is NULL on SQLite when any argument is, so the
    live time, usually NULL, stands in for itself through Coalesce.)"""
    return Greatest("updated_at", "published_at", Coalesce("live_updated_at", "published_at"))


class ArticleSitemap(Sitemap):
    limit = conf.SITEMAP_LIMIT

    def items(self):
        # Oldest first, so adding a story never reshuffles the pages search engines have read.
        return (
            Article.objects.published()
            .annotate(changed=changed_at())
            .order_by("published_at", "pk")
            .values("pk", "slug", "changed")
        )

    def location(self, item):
        return self.article_url(item["slug"])

    @cached_property
    def article_url(self):
        return slug_url("articles:detail")

    def lastmod(self, item):
        return item["changed"]

    def get_latest_lastmod(self):
        return Article.objects.published().aggregate(latest=Max(changed_at()))["latest"]


class SectionSitemap(Sitemap):
    """Category, tag and author pages that list at least one published article.

    One grouped pass over the published articles gives each page and its last change;
    starting from the sections instead would run a subquery per section.
    """

    limit = conf.SITEMAP_LIMIT
    key = None  # the relation from Article to the section: "category", "tags", "authors"
    url_name = None

    def items(self):
        pk, slug = f"{self.key}__pk", f"{self.key}__slug"
        return (
            Article.objects.published()
            .filter(**{f"{pk}__isnull": False})
            .values(section_pk=F(pk), section_slug=F(slug))
            .annotate(changed=Max(changed_at()))
            .order_by("section_pk")
        )

    def location(self, item):
        return self.section_url(item["section_slug"])

    @cached_property
    def section_url(self):
        return slug_url(self.url_name)

    def lastmod(self, item):
        return item["changed"]

    def get_latest_lastmod(self):
        return (
            Article.objects.published()
            .filter(**{f"{self.key}__isnull": False})
            .aggregate(latest=Max(changed_at()))["latest"]
        )


class CategorySitemap(SectionSitemap):
    key = "category"
    url_name = "articles:category"


class TagSitemap(SectionSitemap):
    key = "tags"
    url_name = "articles:tag"


class AuthorSitemap(SectionSitemap):
    key = "authors"
    url_name = "articles:author"


class NewsSitemap(Sitemap):
    """Google News: published in the last two days, newest first, at most 1,000."""

    limit = conf.NEWS_SITEMAP_LIMIT

    def items(self):
        since = timezone.now() - timedelta(hours=conf.NEWS_SITEMAP_HOURS)
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .annotate(changed=changed_at())
            .latest_first()
            .only("pk", "slug", "headline", "published_at", "updated_at")
        )[: self.limit]

    def lastmod(self, article):
        return article.changed

    def get_latest_lastmod(self):
        return max((article.changed for article in self.items()), default=None)


SECTIONS = {
    "articles": ArticleSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}


def add_section(name, sitemap):
    """For the apps that have pages of their own to list (pages adds "pages" when it loads):
    the index lists the sections in the order they were added."""
    SECTIONS[name] = sitemap
