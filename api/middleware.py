"""The API's edge: CORS, API keys and rate limits, in front of the page cache.

It sits before PageCacheMiddleware so that every request is counted, cache hits too, and a
refused one costs no page-cache read. A key only raises the limit: the response is the
same with or without one, so both are served from one cached entry.
"""

import logging

from django.http import HttpResponse, JsonResponse
from django_ratelimit.core import get_usage

from shared.client_address import client_ip

from . import conf
from .credentials import api_key_for, presented_key, presented_token, staff_token_for

logger = logging.getLogger(__name__)
PREFIX = "/api/"
# An address longer than this (path and query) is refused with 414, in JSON, before it is
# looked at: no parameter of the API needs more, and it would go into cache keys and logs.
MAX_ADDRESS = 2048
# Only the write API reads staff tokens; a token sent to a read endpoint is not looked up.
STAFF_PREFIX = "/api/v1/staff/"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Retry-After",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "X-API-Key, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


def error(status, detail, parameter=None, **headers):
    body = {"detail": detail, **({"parameter": parameter} if parameter else {})}
    response = JsonResponse(body, status=status)
    # About this client only: a CDN must not answer others with it.
    response["Cache-Control"] = "private, no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def identity(request):
    """Who is counted, at what rate per minute: a refusal response if a key is wrong."""
    secret = presented_key(request)
    if secret:
        found = api_key_for(secret)
        if found is None:
            return error(401, "Unknown or revoked API key.", parameter="X-API-Key")
        key_id, rate = found
        return f"key:{key_id}", rate
    token = presented_token(request)
    if token and request.path.startswith(STAFF_PREFIX):
        found = staff_token_for(token)
        if found is not None:
            request.api_staff_token = found
            return f"token:{found.pk}", conf.setting("API_RATE_STAFF")
    return f"ip:{client_ip(request)}", conf.setting("API_RATE_ANONYMOUS")


def over_limit(request, who, rate):
    usage = get_usage(
        request, group="api", key=lambda group, request: who, rate=f"{rate}/m", increment=True
    )
    if usage is None or usage["time_left"] < 0:
        # The cache is unreachable: serving unlimited beats refusing every reader.
        logger.warning("API rate limit not checked: the cache is unavailable")
        return None
    if usage["should_limit"]:
        return error(
            429,
            f"Too many requests: at most {rate} a minute. Try again later.",
            Retry_After=str(max(1, usage["time_left"])),
        )
    return None


def as_json(response):
    """A method an address does not take is refused in JSON too (ninja's and Django's own
    405s have an empty or HTML body)."""
    if response.status_code != 405 or response.get("Content-Type", "").startswith(
        "application/json"
    ):
        return response
    allowed = response.get("Allow", "")
    return error(405, f"This address takes only {allowed or 'other methods'}.", Allow=allowed)


class ApiEdgeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            return self.cors(response, preflight=True)
        if len(request.get_full_path()) > MAX_ADDRESS:
            return self.cors(
                error(414, f"The address is too long: at most {MAX_ADDRESS} characters.")
            )
        found = identity(request)
        if isinstance(found, HttpResponse):
            return self.cors(found)
        refused = over_limit(request, *found)
        if refused is not None:
            return self.cors(refused)
        return self.cors(as_json(self.get_response(request)))

    def cors(self, response, preflight=False):
        # Public data for anyone: "*" needs no Vary, so the page cache still stores it.
        for name, value in {**CORS_HEADERS, **(PREFLIGHT_HEADERS if preflight else {})}.items():
            response.setdefault(name, value)
        return response
