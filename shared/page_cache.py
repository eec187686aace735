"""Whole pages for anonymous readers, and shared page shells for everyone.

Two middlewares. `PageCacheMiddleware` sits before sessions, auth and CSRF: a request
without a session cookie (nor a pending flash message) is anonymous, decided from cookies
alone, so a hit costs a few cache reads and no query. `SharedPageMiddleware` sits after
auth: every public page is first rendered as a shell, the page with a marker where each
part that belongs to one reader goes (shared/personal.py: the account menu, the comment
form, the reader's own controls); the shell is kept and shared, and every reader's page,
logged in or not, is that shell with their own parts filled in.

Every entry records the keys it was built from (shared/cache.py) and is fresh while none
of them has changed; it lives no longer than PAGE_CACHE_TIMEOUT and never past the next
scheduled publish, nor the clock's next change to what it shows (a front's next layout).
The keys also go out as `Surrogate-Key` and `Cache-Tag`, so a CDN or Varnish in front can
be purged by key (shared/edge.py). An entry is stored only when nothing in it belongs to
one reader: no cookie set, no CSRF token, no opt-out by the view.

Every public GET also gets an ETag and is answered with 304 when the reader already has it
(but a page holding a CSRF token masked for its response, which is never the same twice).
"""

import hashlib
import threading
import time
from collections import OrderedDict
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import cc_delim_re, patch_cache_control
from django.utils.http import parse_etags

from . import cache as content
from . import personal

# The query parameters public pages read, and so the only ones a page's key keeps: any
# other parameter (tracking, cache busting, random junk) is served the page without it, so
# nobody can fill the cache with copies of one page. A page reading a new parameter is
# declared here (the edge strips the rest too: docs/varnish.vcl keeps the same list).
PAGE_QUERY_PARAMETERS = frozenset(
    {
        "page",  # list pages, search results, a live page's stream
        "q",  # search
        "comments_page",  # an article's comment threads (comments/templatetags)
        "follow",  # the newsletter sign-up, preselected
        # The front page's WordPress addresses, answered with a 301 (wordpress/redirects.py).
        "p",
        "page_id",
        "attachment_id",
        "cat",
        "feed",
    }
)
# Addresses whose parameters are many and their own (the API's filters and cursors): their
# keys keep the whole query, as before.
WHOLE_QUERY_PREFIXES = ("/api/",)
STORED_STATUSES = {200, 301, 404, 410}
MAX_BODY = 2 * 1024 * 1024
# Part of every key: change it when the stored entry changes shape, so a deploy never reads
# entries written by the previous code.
ENTRY_FORMAT = 4
CSRF_MARKER = b"csrfmiddlewaretoken"
# Headers a 304 repeats (RFC 9110 15.4.5).
NOT_MODIFIED_HEADERS = ("Cache-Control", "Content-Location", "Date", "ETag", "Expires", "Vary")


# What settings give, worked out once per process and again when a setting changes (tests'
# override_settings): every request asked Django's lazy settings about ten times, a Python
# call each, and validated its Host header again (docs/performance.md).
_from_settings = {}


def from_settings(name, work_out):
    try:
        return _from_settings[name]
    except KeyError:
        found = _from_settings[name] = work_out()
        return found


def forget_settings(**kwargs):
    _from_settings.clear()


setting_changed.connect(forget_settings)


def conf(name, default):
    return from_settings(name, lambda: getattr(settings, name, default))


def is_enabled():
    return conf("PAGE_CACHE_ENABLED", True)


def excluded_paths():
    return from_settings(
        "excluded paths",
        lambda: tuple(
            conf(
                "PAGE_CACHE_EXCLUDED_PATHS",
                ("/admin/", "/accounts/", "/comments/", "/healthz", "/readyz"),
            )
        ),
    )


def bypass_cookies():
    # "messages" holds a flash message the next page must show to this reader alone.
    return from_settings(
        "bypass cookies",
        lambda: (settings.SESSION_COOKIE_NAME, "messages", *conf("PAGE_CACHE_BYPASS_COOKIES", ())),
    )


def origin(request):
    """`scheme://host` of the request. The host is validated by Django's get_host() once per
    distinct set of what it reads, not on every request; a host it refuses is refused every
    time (DisallowedHost), and never remembered."""
    meta = request.META
    scheme = request.scheme
    read = (
        scheme,
        meta.get("HTTP_HOST"),
        meta.get("HTTP_X_FORWARDED_HOST"),
        meta.get("HTTP_X_FORWARDED_PORT"),
        meta.get("SERVER_NAME"),
        meta.get("SERVER_PORT"),
    )
    origins = from_settings("origins", dict)
    found = origins.get(read)
    if found is None:
        found = f"{scheme}://{request.get_host()}"
        if len(origins) >= 64:  # many names under a wildcard host: the memo stays small
            origins.clear()
        origins[read] = found
    return found


def public_cache_control(seconds):
    return {
        "public": True,
        "max_age": min(conf("PAGE_CACHE_MAX_AGE", 60), seconds),
        "stale_while_revalidate": conf("PAGE_CACHE_STALE_WHILE_REVALIDATE", 300),
    }


def query_parameters():
    return conf("PAGE_CACHE_QUERY_PARAMETERS", PAGE_QUERY_PARAMETERS)


def normalised_query(query_string, kept=None):
    """The query with only the `kept` parameters (None: all) and names in order. Repeated
    parameters keep their order (a stable sort by name): Django answers with the last value."""
    if not query_string:
        return ""
    pairs = [
        (name, value)
        for name, value in parse_qsl(query_string, keep_blank_values=True)
        if kept is None or name in kept
    ]
    return urlencode(sorted(pairs, key=lambda pair: pair[0]))


def page_key(request, kind="page"):
    # The scheme and host are part of the page: canonical links and feeds are absolute.
    query = request.META.get("QUERY_STRING", "")
    if query:
        whole = request.path.startswith(WHOLE_QUERY_PREFIXES)
        query = normalised_query(query, None if whole else query_parameters())
    address = f"{origin(request)}{request.path}?{query}"
    digest = hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()
    return f"newsroom:{kind}{ENTRY_FORMAT}:{digest}"


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
    """The entries this process used lately, so a hit skips reading and unpickling them.

    Each remembers the last change (anywhere) it was checked against: while nothing has
    changed since, it is fresh without reading its keys' times. Bounded in bytes.
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
            dropped = self.entries.pop(key, None)
            if dropped is not None:
                self.size -= len(dropped["body"])
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


def fresh_entry(key, last=None):
    """The stored entry under `key` if it is still fresh, else None; `last`, the last change
    anywhere when the caller has read it (`content.last_change_for`).

    A stale or expired copy in this process's memo is not the last word: another worker
    may have rebuilt the page since, so the shared entry is read before calling it a miss
    (otherwise every worker rebuilt each page once after each change)."""
    remembered = recent_pages.get(key)
    if remembered is not None and is_entry_fresh(remembered, last):
        return remembered
    entry = cache.get(key)
    if entry is None or (remembered is not None and entry["built_at"] == remembered["built_at"]):
        return None
    entry["checked"] = None
    recent_pages.put(key, entry)
    return entry if is_entry_fresh(entry, last) else None


def is_entry_fresh(entry, last=None):
    if entry["expires"] <= time.time():
        return False
    last = content.last_change() if last is None else last
    if entry["checked"] != last:
        if not content.still_fresh(entry["keys"], entry["built_at"], last):
            return False
        entry["checked"] = last
    return True


def store_entry(key, response, body, keys, built_at, seconds, since=None, markers=None, seen=None):
    """Keep a page built from `keys` since `built_at`; `seen`, the keys' snapshot when the
    caller has just taken it."""
    if seen is None and seconds:
        seen = content.snapshot(keys, built_at, since)
    if seen is None or not seconds:
        return
    entry = {
        "status": response.status_code,
        "headers": {
            lower: pair for lower, pair in response.headers._store.items() if lower != "x-cache"
        },
        "body": body,
        "keys": seen,
        "built_at": built_at,
        "expires": time.time() + seconds,
        # A shell's marker token (shared/personal.py): None when nothing in it is filled.
        "markers": markers,
    }
    cache.set(key, entry, seconds)
    recent_pages.put(key, {**entry, "checked": None})


def with_page_keys(response, keys):
    """Name the keys in the headers a CDN or Varnish purges by (Fastly and Varnish xkey
    read Surrogate-Key, space-separated; Cloudflare reads Cache-Tag, comma-separated)."""
    names = sorted(keys)
    response["Surrogate-Key"] = " ".join(names)
    response["Cache-Tag"] = ",".join(names)
    return response


class HeadersAsStored:
    """A response whose headers reach the server as the pairs kept: Django's items() walks
    the case-insensitive mapping with a lookup for each header, which cost more than
    building the response (for a hit's 14 headers ~30 µs, against 2 as the pairs:
    docs/performance.md). The same pairs, in the same order, with whatever was set on the
    way out. For the responses a store answers: page-cache hits and static files."""

    def items(self):
        return self.headers._store.values()


class StoredPageResponse(HeadersAsStored, HttpResponse):
    """A page answered from a stored entry."""


def response_from(request, entry, body, cache_state):
    response = StoredPageResponse(b"" if request.method == "HEAD" else body, status=entry["status"])
    # The stored headers were checked when the view's response was built; copying the
    # mapping skips checking them again on every hit.
    response.headers._store = {**entry["headers"], "x-cache": ("X-Cache", cache_state)}
    return response


def is_public_path(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(excluded_paths()):
        return False
    if "preview" in request.META.get("QUERY_STRING", "") and "preview" in request.GET:
        return False
    return "preview" not in request.path.split("/")


def stays_personal(response):
    if "Cache-Control" not in response:
        patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    """Serve and store anonymous pages; give public pages an ETag and Cache-Control.

    Sits right after WhiteNoise: a hit is answered before the session, CSRF and auth
    middleware run, and those run on every miss, so what the view did with them shows
    in the response this class inspects before storing it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        content.start()

    def __call__(self, request):
        if not is_public_path(request):
            return self.get_response(request)
        if self.is_personal(request):
            return self.conditional(request, stays_personal(self.get_response(request)))
        if not is_enabled():
            return self.conditional(request, self.anonymous(request, self.get_response(request)))

        key = page_key(request)
        entry = fresh_entry(key, content.last_change_for(request))
        if entry is not None:
            return self.from_entry(request, entry)
        request.page_built_at, since = content.build_started()
        with content.collecting() as keys:
            request.cache_keys = keys
            response = self.get_response(request)
        keys = page_keys(request, keys)
        # The keys' marks as the build ended, read once: stored with the entry too (a change
        # after this read makes the entry stale at its first check, as it must).
        seen = content.snapshot(keys, request.page_built_at, since)
        if seen is None:
            # What it shows changed while it was built: right for this reader now, but no
            # cache, here or at the edge, may keep it.
            patch_cache_control(response, private=True, no_cache=True)
        response = self.anonymous(request, response, keys)
        if getattr(response, "page_cache_ttl", 0) and request.method == "GET":
            store_entry(
                key,
                response,
                response.content,
                keys,
                request.page_built_at,
                response.page_cache_ttl,
                since,
                seen=seen,
            )
        response["X-Cache"] = "miss"
        return self.conditional(request, response)

    def is_personal(self, request):
        cookies = request.COOKIES
        # `reads_as_someone`: set by a middleware outside this one (memberships: a reader
        # on an institution's network reads what anonymous readers may not).
        return (
            "HTTP_AUTHORIZATION" in request.META
            or getattr(request, "reads_as_someone", False)
            or any(name in cookies for name in bypass_cookies())
        )

    def anonymous(self, request, response, keys=None):
        """Mark the response public and storable when nothing in it is the reader's own."""
        if not is_shareable(request, response):
            return stays_personal(response)
        seconds = personal.kept_for(request, content.fresh_for(keys=keys))
        if response.status_code in (404, 410):
            seconds = min(seconds, conf("PAGE_CACHE_NOT_FOUND_TIMEOUT", 60))
        if "Cache-Control" not in response:
            patch_cache_control(response, **public_cache_control(seconds))
        if response.status_code == 200 and "ETag" not in response:
            response["ETag"] = etag_for(response.content)
        if keys:
            with_page_keys(response, keys)
        response.page_cache_ttl = seconds
        return response

    def from_entry(self, request, entry):
        response = response_from(request, entry, entry["body"], "hit")
        if entry["status"] == 200 and etag_matches(request, response["ETag"]):
            return not_modified(response)
        return response

    def conditional(self, request, response):
        """A 304 for a reader who already holds this exact page. A page holding the CSRF
        token masked for this response (a logged-in reader's) is never the same twice: no
        ETag, which could never match and cost a hash of the page (2 % of it)."""
        if response.status_code != 200 or response.streaming:
            return response
        if "ETag" not in response:
            if personal.holds_masked_token(request, response.content):
                return response
            response["ETag"] = etag_for(response.content)
        if etag_matches(request, response["ETag"]):
            return not_modified(response)
        return response


def page_keys(request, keys):
    """What a page depends on: what its view and fragments named, and any change at all for
    a page that named nothing (a view nobody taught its keys stays right, only less cached)."""
    keys = set(keys) | set(getattr(request, "cache_keys", ()))
    return keys if keys - content.ALWAYS else keys | {content.ANY_CHANGE}


def is_shareable(request, response):
    """Whether one stored copy may answer every reader. A streamed response (a picture, a
    download) has no body to read here: it is never stored, and never read."""
    if response.streaming:
        return False
    body = response.content
    return not (
        getattr(request, "skip_page_cache", False)
        or response.status_code not in STORED_STATUSES
        or response.cookies
        or "Set-Cookie" in response
        or cache_control_forbids_storing(response)
        or varies_on_more_than_cookie(response)
        # A CSP nonce in the page is this response's own; CSPMiddleware runs outside.
        or getattr(request, "_csp_nonce", None)
        or len(body) > MAX_BODY
        or CSRF_MARKER in body
    )


class SharedPageMiddleware:
    """Every public page as a shared shell plus what is the reader's own.

    Sits after auth and messages. A fresh shell is filled for this reader and answered
    without calling the view; otherwise the view renders the shell, it is kept when nothing
    in it is one reader's own, and filled. Logged-in readers pay only for their own parts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (is_enabled() and is_public_path(request)):
            with personal.rendering() as token:
                response = self.get_response(request)
            return self.filled(request, response, token)
        key = page_key(request, "shell")
        entry = fresh_entry(key)
        if entry is not None:
            content.depends_on(request, *entry["keys"])
            request.page_built_at = min(
                entry["built_at"], getattr(request, "page_built_at", entry["built_at"])
            )
            body = entry["body"]
            if entry["markers"]:
                body = personal.fill(body, request, entry["markers"])
            return response_from(request, entry, body, "shell")
        built_at, since = content.build_started()
        with content.collecting() as keys, personal.rendering() as token:
            response = self.get_response(request)
        keys = page_keys(request, keys)
        if request.method == "GET" and is_shareable(request, response):
            markers = token if has_markers(response, token) else None
            seconds = content.fresh_for(keys=keys)
            store_entry(key, response, response.content, keys, built_at, seconds, since, markers)
        return self.filled(request, response, token)

    def filled(self, request, response, token):
        """Only an HTML page's own markers are filled: a JSON answer, a feed or a picture
        is sent as it is, whatever its data looks like."""
        if has_markers(response, token):
            response.content = personal.fill(response.content, request, token)
            if response.has_header("ETag"):
                del response["ETag"]
        return response


def has_markers(response, token):
    return (
        not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and personal.MARKER_START + token.encode() in response.content
    )
