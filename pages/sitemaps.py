"""The static pages' section of the sitemap index (articles/sitemaps.py holds the rest)."""

from django.contrib.sitemaps import Sitemap

from .models import Page


class PageSitemap(Sitemap):
    """Published static pages: few, so one page of them."""

    def items(self):
        return Page.objects.published().order_by("path").only("path", "updated_at")

    def lastmod(self, page):
        return page.updated_at
