"""The site's own address (SITE_URL, from NEWSROOM_SITE_URL) for every absolute URL a page,
feed, sitemap, API answer or mail carries: canonical and og:url, share links, JSON-LD.

Never the request's Host: ALLOWED_HOSTS admits a host name but any port with it, and a
`Host: news.example.com:9999` request got links on port 9999 (kept out of other readers'
pages only by the cache keying on the host). The configured address is the one answer.
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """`path` ("/articles/x/", or a URL storage already made absolute) on the site address."""
    if urlsplit(path).scheme:
        return path
    if path.startswith("//"):
        return f"{scheme()}:{path}"
    return settings.SITE_URL.rstrip("/") + path


def scheme():
    return urlsplit(settings.SITE_URL).scheme


def domain():
    """Host and port, as a URL writes them ("news.example.com", "localhost:8000")."""
    return urlsplit(settings.SITE_URL).netloc


class OnSiteAddress:
    """A request as a view of django.contrib (feeds, sitemaps) sees it: those build absolute
    URLs from `get_host()` and `scheme`, so here they answer with the site address. Every
    other attribute is the request's own."""

    def __init__(self, request):
        self._request = request

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self):
        return domain()

    @property
    def scheme(self):
        return scheme()

    def is_secure(self):
        return scheme() == "https"
