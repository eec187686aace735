"""Feeds and sitemaps; the scheme is documented in docs/syndication.md."""

from functools import wraps

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_control

from shared import site_address
from shared.cache import depends_on
from shared.keys import HOME, NAV

from . import feeds
from .sitemaps import SECTIONS
from .views import news_sitemap

app_name = "syndication"


def feed_routes(prefix, kind, rss, atom):
    slug = "<slug:slug>/" if kind != "site" else ""
    name = "" if kind == "site" else f"{kind}-"
    return [
        path(f"{prefix}{slug}rss/", feeds.conditional(rss(), kind), name=f"{name}rss"),
        path(f"{prefix}{slug}atom/", feeds.conditional(atom(), kind), name=f"{name}atom"),
    ]


def listing_everything(view):
    """Sitemaps list every public article, section and page: they change when an article
    joins, leaves or moves within the listings ("home") or the sections and pages change
    ("nav"). An edit that changes only an article's last-modified time reaches them within
    the page cache's lifetime."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        depends_on(request, HOME, NAV)
        # Django's sitemap views build every <loc> from the request's host.
        return view(site_address.OnSiteAddress(request), *args, **kwargs)

    return wrapped


# Search engines re-read sitemaps often; an hour of caching spares the database.
def sitemap_cache(view):
    return cache_control(public=True, max_age=3600)(listing_everything(view))


urlpatterns = [
    *feed_routes("feeds/", "site", feeds.ArticleFeed, feeds.AtomFeed),
    *feed_routes("feeds/category/", "category", feeds.CategoryFeed, feeds.CategoryAtomFeed),
    *feed_routes("feeds/tag/", "tag", feeds.TagFeed, feeds.TagAtomFeed),
    *feed_routes("feeds/author/", "author", feeds.AuthorFeed, feeds.AuthorAtomFeed),
    path(
        "sitemap.xml",
        sitemap_cache(sitemap_views.index),
        {"sitemaps": SECTIONS, "sitemap_url_name": "syndication:sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", listing_everything(news_sitemap), name="news-sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        sitemap_cache(sitemap_views.sitemap),
        {"sitemaps": SECTIONS, "template_name": "sitemaps/sitemap.xml"},
        name="sitemap-section",
    ),
]
