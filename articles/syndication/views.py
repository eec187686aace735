from django.contrib.sites.requests import RequestSite
from django.shortcuts import render
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from ..models import SiteIdentity
from .sitemaps import NewsSitemap


@require_GET
@cache_control(public=True, max_age=300)
def news_sitemap(request):
    """Google News sitemap: the sitemaps framework's URLs plus the news: fields."""
    sitemap = NewsSitemap()
    # The request answers with the site address (syndication_urls.listing_everything).
    urls = sitemap.get_urls(site=RequestSite(request), protocol=request.scheme)
    response = render(
        request,
        "sitemaps/news_sitemap.xml",
        {"urlset": urls, "publication": SiteIdentity.current()},
        content_type="application/xml",
    )
    latest = getattr(sitemap, "latest_lastmod", None)
    if latest:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    return response
