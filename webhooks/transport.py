"""POST to a receiver, never to an internal address.

A webhook URL is typed by an editor, so it must not become a way to reach the site's own
network (server-side request forgery): shared/guarded_fetch.py checks every address the
host resolves to, connects to the checked address and checks each redirect again.
WEBHOOKS_ALLOWED_INTERNAL_HOSTS lists host names exempt from the address check.
"""

from django.conf import settings

from shared.guarded_fetch import (
    InternalAddress,
    Refused,
    Response,
    Unreachable,
    is_public,
    request,
)

__all__ = ["READ_LIMIT", "Refused", "Response", "Unreachable", "is_public", "post"]

READ_LIMIT = 64 * 1024
ALLOW_HINT = (
    "to deliver to a receiver inside your own network (a local test receiver included), "
    "list its host name in the NEWSROOM_WEBHOOKS_ALLOWED_INTERNAL_HOSTS setting"
)


def post(url, body, headers, *, timeout=10):
    """POST `body`, following up to MAX_REDIRECTS checked redirects; the start of the
    answer (READ_LIMIT bytes) is kept."""
    try:
        return request(
            "POST",
            url,
            body=body,
            headers=headers,
            timeout=timeout,
            read_limit=READ_LIMIT,
            truncate=True,
            allowed_hosts=settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS,
        )
    except InternalAddress as error:
        raise Refused(f"{error}; {ALLOW_HINT}") from error
