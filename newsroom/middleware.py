"""Site-wide request handling: request ids and the request log, body ceilings, database outages."""

import logging
import re
import time
import uuid

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.functional import empty

from shared.client_address import client_ip
from shared.logging import loggable_path, request_context

request_log = logging.getLogger("newsroom.request")
outage_log = logging.getLogger("newsroom.database")

# An id from the proxy or the caller is kept if it is short and plain, so it can be grepped
# across systems; anything else (long, spaces, control characters) is replaced.
SANE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
DATABASE_ERRORS = (OperationalError, InterfaceError)


class RequestLogMiddleware:
    """Outermost: gives every request an id, echoes it, and logs one line when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if SANE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        token = request_context.set(
            {
                "request_id": request.request_id,
                "method": request.method,
                "path": loggable_path(request.path),
            }
        )
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            self.log(request, response, started)
            return response
        finally:
            request_context.reset(token)

    @staticmethod
    def log(request, response, started):
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        user = getattr(request, "user", None)
        # Only a user already loaded: the log line must not cost a query.
        loaded = user is not None and getattr(user, "_wrapped", empty) is not empty
        user_id = user.pk if loaded else None
        status = response.status_code
        level = logging.ERROR if status >= 500 else logging.INFO
        request_log.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            loggable_path(request.path),
            status,
            duration_ms,
            extra={
                "status": status,
                "duration_ms": duration_ms,
                "user_id": user_id,
                "client_ip": client_ip(request),
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
# The policies as settings give them, built once per process (None: not built yet).
_built_policies = None
POLICY_PARTS = ("_csp_config", "_csp_update", "_csp_replace")
POLICY_PARTS_RO = ("_csp_config_ro", "_csp_update_ro", "_csp_replace_ro")


def built_policies():
    global _built_policies
    if _built_policies is None:
        _built_policies = (build_policy(), build_policy(report_only=True))
    return _built_policies


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
        policy, report_only = built_policies()
        if policy:
            self.set_header(
                request, response, HEADER, policy, "_csp_exempt", "CONTENT_SECURITY_POLICY"
            )
        if report_only:
            self.set_header(
                request,
                response,
                HEADER_REPORT_ONLY,
                report_only,
                "_csp_exempt_ro",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            )
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = NONCE_TOO_LATE
        return response

    @staticmethod
    def set_header(request, response, header, policy, exempt, setting):
        if header in response or getattr(response, exempt, False) is not False:
            return
        prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
        if not request.path_info.startswith(tuple(prefixes)):
            response[header] = policy
