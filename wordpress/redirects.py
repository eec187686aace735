"""Old addresses keep working: a request nothing here answers (a 404), or the front page
asked for `?p=12` / `?page_id=7`, is looked up among the addresses an imported site used
and answered with a 301 to the new one, like django.contrib.redirects' fallback.

Sits inside the page cache, so the 301 (and the 404 of an unknown address) is cached like
any page and costs no query the second time.
"""

from urllib.parse import parse_qsl, unquote, urlsplit

from django.http import HttpResponsePermanentRedirect

from shared.cache import depends_on
from shared.keys import article_key, image_key, static_page_key

from .models import OldAddress

# The front-page queries WordPress answers by id, whatever the permalink structure.
ID_QUERIES = ("p", "page_id", "attachment_id", "cat", "feed")


def address_key(path, query=""):
    """The form old addresses are stored and looked up in: '/2019/05/slug/', '/?p=12'."""
    path = "/" + unquote(path).strip("/")
    if path != "/":
        path += "/"
    kept = [(name, value) for name, value in parse_qsl(query) if name in ID_QUERIES]
    if kept:
        return path + "?" + "&".join(f"{name}={value}" for name, value in sorted(kept))
    return path


def address_key_of_url(url):
    parts = urlsplit(url)
    return address_key(parts.path, parts.query)


def old_address_redirect(request, key):
    if "\x00" in key:  # no address holds one, and PostgreSQL refuses to look for it
        return None
    old = OldAddress.objects.filter(path=key).select_related("article", "page", "image").first()
    target = old.target if old else None
    if target is None:
        return None
    if old.article_id:
        depends_on(request, article_key(old.article_id))
    elif old.page_id:
        depends_on(request, static_page_key(old.page_id))
    elif old.image_id:
        depends_on(request, image_key(old.image_id))
    return HttpResponsePermanentRedirect(target)


class OldAddressMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        query = request.META.get("QUERY_STRING", "")
        if request.path == "/" and any(name in request.GET for name in ID_QUERIES):
            redirect = old_address_redirect(request, address_key("/", query))
            if redirect is not None:
                return redirect
        response = self.get_response(request)
        if response.status_code == 404:
            return old_address_redirect(request, address_key(request.path, query)) or response
        return response
