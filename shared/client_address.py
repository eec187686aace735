"""The client's address, as our own proxies saw it.

It is REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_HOPS says how many proxies of ours append to
X-Forwarded-For; only the entries they added are believed, so a client cannot choose its own
address by sending the header. Login throttling, rate limits, comment records and trending
all count by it.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The address of whoever opened the connection to our outermost trusted proxy."""
    remote = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    # Each trusted proxy appends the address it saw, so the client is `hops` from the right;
    # anything further left was written by the client and proves nothing.
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
