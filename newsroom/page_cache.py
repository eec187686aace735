"""Whole pages for anonymous readers, answered before sessions, auth and CSRF run.

A request is anonymous when it carries no session cookie (nor a pending flash message):
the decision reads cookies only, never the session or request.user, so a hit costs two
cache reads (the content version and the page) and no database query. An entry is keyed
on the content version, so a publish, edit or comment approval anywhere makes every page
fresh on every worker and server; it lives no longer than PAGE_CACHE_TIMEOUT and never
past the next scheduled publish. A response is stored only when nothing in it belongs to
one reader: no cookie set, no CSRF token, no opt-out by the view.

Every public GET also gets an ETag and is answered with 304 when the reader already has it.
"""

import hashlib
import threading
import time
from collections import OrderedDict
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import parse_etags

from . import cache as content

TRACKING_PARAMETERS = {"fbclid", "gclid", "mc_cid", "mc_eid"}
STORED_STATUSES = {200, 301, 404, 410}
MAX_BODY = 2 * 1024 * 1024
# Part of every key: change it when the stored entry changes shape, so a deploy never reads
# entries written by the previous code.
ENTRY_FORMAT = 2
CSRF_MARKER = b"csrfmiddlewaretoken"
# Headers a 304 repeats (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary")


def page_cache_exempt(view):
    """Keep this view's responses out of the page cache (they are still sent normally)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        request.skip_page_cache = True
        return view(request, *args, **kwargs)

    return wrapped


def conf(name, default):
    return getattr(settings, name, default)


def is_enabled():
    return conf("PAGE_CACHE_ENABLED", True)


def excluded_paths():
    return conf(
        "PAGE_CACHE_EXCLUDED_PATHS",
        ("/admin/", "/accounts/", "/comments/", "/healthz", "/readyz"),
    )


def bypass_cookies():
    # "messages" holds a flash message the next page must show to this reader alone.
    return (settings.SESSION_COOKIE_NAME, "messages", *conf("PAGE_CACHE_BYPASS_COOKIES", ()))


def public_cache_control(seconds):
    return {
        "public": True,
        "max_age": min(conf("PAGE_CACHE_MAX_AGE", 60), seconds),
        "stale_while_revalidate": conf("PAGE_CACHE_STALE_WHILE_REVALIDATE", 300),
    }


def normalised_query(query_string):
    if not query_string:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if name not in TRACKING_PARAMETERS and not name.startswith("utm_")
    ]
    return urlencode(sorted(pairs))


def page_key(request, version):
    # The scheme and host are part of the page: canonical links and feeds are absolute.
    query = normalised_query(request.META.get("QUERY_STRING", ""))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"newsroom:page{ENTRY_FORMAT}:{version}:{hashlib.md5(address.encode()).hexdigest()}"


def etag_for(body):
    return f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'


def etag_matches(request, etag):
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if not header:
        return False
    wanted = parse_etags(header)
    return "*" in wanted or etag in wanted or f"W/{etag}" in wanted


def not_modified(response):
    answer = HttpResponseNotModified()
    for name in NOT_MODIFIED_HEADERS:
        if name in response:
            answer[name] = response[name]
    answer.cookies = response.cookies
    return answer


def cache_control_forbids_storing(response):
    directives = {
        part.split("=")[0].strip().lower(): part.partition("=")[2].strip()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }
    return bool(
        directives.keys() & {"private", "no-cache", "no-store"} or directives.get("max-age") == "0"
    )


def varies_on_more_than_cookie(response):
    varied = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    return bool(varied - {"cookie"})


class RecentPages:
    """The pages this process served lately, so a hit skips reading and unpickling them.

    Safe to keep: an entry's key holds the content version, which every request reads from
    the shared cache, and its expiry is checked on every use. Bounded in bytes per process.
    """

    def __init__(self):
        self.entries, self.size, self.lock = OrderedDict(), 0, threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.entries.get(key)
            if entry is not None:
                self.entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        limit = conf("PAGE_CACHE_PROCESS_BYTES", 8 * 1024 * 1024)
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = entry
            self.size += len(entry["body"])
            while self.size > limit and self.entries:
                _, dropped = self.entries.popitem(last=False)
                self.size -= len(dropped["body"])

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.size = 0


recent_pages = RecentPages()


class PageCacheMiddleware:
    """Serve and store anonymous pages; give every public page an ETag and Cache-Control.

    Sits right after WhiteNoise: a hit is answered before the session, CSRF and auth
    middleware run, and those run on every miss, so what the view did with them shows
    in the response this class inspects before storing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not self.is_public_path(request):
            return self.get_response(request)
        if self.is_personal(request):
            return self.conditional(request, self.personal(self.get_response(request)))
        if not is_enabled():
            return self.conditional(request, self.anonymous(request, self.get_response(request)))

        version = content.current_version()
        key = page_key(request, version)
        entry = recent_pages.get(key)
        if entry is None:
            entry = cache.get(key)
            if entry is not None:
                recent_pages.put(key, entry)
        if entry is not None and entry["expires"] > time.time():
            return self.from_entry(request, entry)
        response = self.anonymous(request, self.get_response(request), version)
        if getattr(response, "page_cache_ttl", 0) and request.method == "GET":
            self.store(key, response)
        response["X-Cache"] = "miss"
        return self.conditional(request, response)

    def is_public_path(self, request):
        path = request.path
        if path.startswith(tuple(excluded_paths())):
            return False
        if "preview" in request.META.get("QUERY_STRING", "") and "preview" in request.GET:
            return False
        return "preview" not in path.split("/")

    def is_personal(self, request):
        cookies = request.COOKIES
        return "HTTP_AUTHORIZATION" in request.META or any(
            name in cookies for name in bypass_cookies()
        )

    def personal(self, response):
        if "Cache-Control" not in response:
            patch_cache_control(response, private=True, no_cache=True)
        return response

    def anonymous(self, request, response, version=None):
        """Mark the response public and storable when nothing in it is the reader's own."""
        if not self.is_shareable(request, response):
            return self.personal(response)
        seconds = content.fresh_for(version)
        if response.status_code in (404, 410):
            seconds = min(seconds, conf("PAGE_CACHE_NOT_FOUND_TIMEOUT", 60))
        if "Cache-Control" not in response:
            patch_cache_control(response, **public_cache_control(seconds))
        if response.status_code == 200 and "ETag" not in response:
            response["ETag"] = etag_for(response.content)
        response.page_cache_ttl = seconds
        return response

    def is_shareable(self, request, response):
        return not (
            getattr(request, "skip_page_cache", False)
            or response.status_code not in STORED_STATUSES
            or response.streaming
            or response.cookies
            or "Set-Cookie" in response
            or cache_control_forbids_storing(response)
            or varies_on_more_than_cookie(response)
            # A CSP nonce in the page is this response's own; CSPMiddleware runs outside.
            or getattr(request, "_csp_nonce", None)
            or len(response.content) > MAX_BODY
            or CSRF_MARKER in response.content
        )

    def store(self, key, response):
        expires = time.time() + response.page_cache_ttl
        entry = {
            "status": response.status_code,
            "headers": {
                lower: pair for lower, pair in response.headers._store.items() if lower != "x-cache"
            },
            "body": response.content,
            "expires": expires,
        }
        cache.set(key, entry, response.page_cache_ttl)
        recent_pages.put(key, entry)

    def from_entry(self, request, entry):
        response = HttpResponse(
            b"" if request.method == "HEAD" else entry["body"], status=entry["status"]
        )
        # The stored headers were checked when the view's response was built; copying the
        # mapping skips checking them again on every hit.
        response.headers._store = {**entry["headers"], "x-cache": ("X-Cache", "hit")}
        if entry["status"] == 200 and etag_matches(request, response["ETag"]):
            return not_modified(response)
        return response

    def conditional(self, request, response):
        """A 304 for a reader who already holds this exact page."""
        if response.status_code != 200 or response.streaming:
            return response
        if "ETag" not in response:
            response["ETag"] = etag_for(response.content)
        if etag_matches(request, response["ETag"]):
            return not_modified(response)
        return response
