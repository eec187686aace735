"""Site-wide request handling: request ids and the request log, body ceilings, database outages."""

import itertools
import logging
import os
import re
import time

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.http.response import ResponseHeaders
from django.template.loader import render_to_string
from django.utils.functional import empty
from whitenoise.middleware import WhiteNoiseFileResponse, WhiteNoiseMiddleware

from shared.client_address import client_ip
from shared.logging import loggable_path, request_context
from shared.page_cache import HeadersAsStored

request_log = logging.getLogger("newsroom.request")
outage_log = logging.getLogger("newsroom.database")

# An id from the proxy or the caller is kept if it is short and plain, so it can be grepped
# across systems; anything else (long, spaces, control characters) is replaced.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
DATABASE_ERRORS = (OperationalError, InterfaceError)


def request_ids():
    """Ids unique across processes and restarts, cheap to draw: a random prefix drawn once per
    process (again in each forked worker) and a counter. 32 hex digits, like a uuid4's."""
    state = {}

    def reset():
        state["prefix"], state["counter"] = os.urandom(10).hex(), itertools.count(1)

    reset()
    os.register_at_fork(after_in_child=reset)
    return lambda: f"{state['prefix']}{next(state['counter']):012x}"


next_request_id = request_ids()


class RequestLogMiddleware:
    """Outermost: gives every request an id, echoes it, and logs one line when it ends.

    A response answered from a store (a page-cache hit, a static file, a 304) did no work an
    operator looks into, and is most of the traffic: one line in REQUEST_LOG_SAMPLE of those
    is logged, carrying `sampled=N` so counts stay right; a slow one is always logged. Every
    other response (a page built, a reader's own page, a form, any 4xx or 5xx) logs its
    line. docs/performance.md says why.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.sample = max(1, getattr(settings, "REQUEST_LOG_SAMPLE", 1))
        self.slow_seconds = getattr(settings, "REQUEST_LOG_SLOW_MS", 250) / 1000
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        self.unlogged = 0

    def __call__(self, request):
        started = time.monotonic()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = incoming if SANE_REQUEST_ID.fullmatch(incoming) else next_request_id()
        token = request_context.set(request)
        try:
            response = self.get_response(request)
            # Stored as Django stores a header, without its check for line breaks and
            # encoding: the id is plain (SANE_REQUEST_ID) or our own hex digits.
            response.headers._store["x-request-id"] = ("X-Request-ID", request.request_id)
            duration = time.monotonic() - started
            if self.sample == 1 or not self.from_store(request, response, duration):
                self.log(request, response, duration)
            else:
                self.unlogged += 1
                if self.unlogged >= self.sample:
                    self.unlogged = 0
                    self.log(request, response, duration, sampled=self.sample)
            return response
        finally:
            request_context.reset(token)

    def from_store(self, request, response, duration):
        if duration >= self.slow_seconds:
            return False
        status = response.status_code
        if status == 304:
            return True
        if status != 200:
            return False
        return response.headers._store.get("x-cache", ("", ""))[1] == "hit" or (
            request.path.startswith(self.static_prefix)
        )

    @staticmethod
    def log(request, response, duration, sampled=None):
        duration_ms = round(duration * 1000, 1)
        user = getattr(request, "user", None)
        # Only a user already loaded: the log line must not cost a query.
        loaded = user is not None and getattr(user, "_wrapped", empty) is not empty
        user_id = user.pk if loaded else None
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        request_log.log(
            level,
            "%s %s %s %.1fms%s",
            request.method,
            loggable_path(request.path),
            status,
            duration_ms,
            f" (1 of {sampled} alike)" if sampled else "",
            extra={
                "status": status,
                "duration_ms": duration_ms,
                "user_id": user_id,
                "client_ip": client_ip(request),
                "sampled": sampled,
            },
        )


class RequestSizeLimitMiddleware:
    """Refuses a body larger than MAX_REQUEST_BYTES before anything reads it.

    Django limits form fields (DATA_UPLOAD_MAX_MEMORY_SIZE) but not uploaded files, which it
    streams to disk whatever their size; the declared length is checked here first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return HttpResponse("Bad Content-Length.", status=400, content_type="text/plain")
        if length > limit:
            message = f"This request is too large: the limit is {limit // (1024 * 1024)} MB."
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def database_unavailable(exception):
    """The 503 page for a database outage: standalone, so rendering it needs no database."""
    summary = (str(exception).strip().splitlines() or [type(exception).__name__])[0]
    outage_log.error("Database unavailable: %s", summary)
    try:
        page = render_to_string("503.html")
    except Exception:  # e.g. a static manifest missing: the status matters more than the looks
        page = "<!doctype html><title>Back in a moment</title><h1>Back in a moment</h1>"
    response = HttpResponse(page, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503 and a calm page, not a 500.

    Nothing is kept from the outage: Django drops a connection that errored at the end of the
    request and PostgreSQL connections are health-checked before reuse, so the first request
    after the database returns is served normally. Errors raised outside views (a session
    saved on the way out) reach `newsroom.views.server_error`, which does the same.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return database_unavailable(exception)
        return None


# What a nonce asked for once the header is written answers (django-csp's own error).
NONCE_TOO_LATE = CheckableLazyObject(CSPMiddleware._csp_nonce_post_response)
# The policies as settings give them, each with the path prefixes it leaves out, built once
# per process (None: not built yet).
_built_policies = None
POLICY_PARTS = ("_csp_config", "_csp_update", "_csp_replace")
POLICY_PARTS_RO = ("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


def built_policies():
    global _built_policies
    if _built_policies is None:
        _built_policies = tuple(
            (
                as_stored(header, build_policy(report_only=report_only)),
                tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()),
            )
            for header, report_only, setting in (
                (HEADER, False, "CONTENT_SECURITY_POLICY"),
                (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
            )
        )
    return _built_policies


def as_stored(header, value):
    """A header's value as Django stores it: checked for line breaks and encoded once, so
    each response can be given it without the check."""
    if not value:
        return value
    headers = ResponseHeaders({})
    headers[header] = value
    return headers[header]


def forget_policies(*, setting, **kwargs):
    global _built_policies
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built_policies = None


setting_changed.connect(forget_policies)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the site's policy built once, not for every response.

    A response is given the same header as django-csp gives it; only its building is skipped
    when nothing makes this response's policy its own: no nonce used, no decorator's
    config, update or replace (newsletters' preview has one). Building it was about a tenth
    of a page-cache hit (docs/performance.md).
    """

    def __call__(self, request):
        # MiddlewareMixin's __call__ without asking, on every request, which of the two
        # hooks the class has: it has both.
        if self.async_mode:
            return super().__call__(request)
        self.process_request(request)
        return self.process_response(request, self.get_response(request))

    def process_response(self, request, response):
        debug_page = response.status_code in (404, 500) and settings.DEBUG
        if (
            debug_page
            or getattr(request, "_csp_nonce", None) is not None
            or any(
                getattr(response, name, None) is not None for name in POLICY_PARTS + POLICY_PARTS_RO
            )
        ):
            return super().process_response(request, response)
        (policy, excluded), (report_only, excluded_ro) = built_policies()
        if policy:
            self.set_header(request, response, HEADER, policy, "_csp_exempt", excluded)
        if report_only:
            self.set_header(
                request, response, HEADER_REPORT_ONLY, report_only, "_csp_exempt_ro", excluded_ro
            )
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = NONCE_TOO_LATE
        return response

    @staticmethod
    def set_header(request, response, header, policy, exempt, excluded):
        store = response.headers._store
        if header.lower() in store or getattr(response, exempt, False) is not False:
            return
        if not request.path_info.startswith(excluded):
            # As Django stores a header; the policy was checked once, when it was built.
            store[header.lower()] = (header, policy)


class StaticFileResponse(HeadersAsStored, WhiteNoiseFileResponse):
    """A static file's response: its headers reach the server as the pairs kept (about a
    tenth of a static file's time went to Django's lookup of each)."""


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, answering with a StaticFileResponse; nothing else differs."""

    @staticmethod
    def serve(static_file, request):
        # WhiteNoise's own serve(), with the response class changed. Its headers (in place
        # of Django's default Content-Type) are WhiteNoise's, worked out from the file when
        # it was found: stored as Django stores them, without checking each one again.
        response = static_file.get_response(request.method, request.META)
        http_response = StaticFileResponse(response.file or (), status=int(response.status))
        http_response.headers._store = {
            key.lower(): (key, value) for key, value in response.headers
        }
        return http_response
