"""Login throttling (django-axes) wired to this site: the client's address, usernames, tests.

Axes counts failed logins by username and by client address and answers 429 during the
cool-off. The address is REMOTE_ADDR unless DJANGO_TRUSTED_PROXY_HOPS says how many proxies
of ours append to X-Forwarded-For; only the entries they added are believed, so a client
cannot choose its own address by sending the header.
"""

import ipaddress
import math
import unicodedata

from axes.backends import AxesStandaloneBackend
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import render


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


def login_username(request, credentials):
    """Count `Admin`, `admin` and full-width `ａｄｍｉｎ` as one account."""
    username = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if username is None:
        username = request.POST.get(settings.AXES_USERNAME_FORM_FIELD) if request else None
    if not username:
        return username
    # No real username is longer than 150 characters (the User field's limit); axes stores
    # at most 255, and PostgreSQL refuses a longer one.
    return unicodedata.normalize("NFKC", username).casefold().strip()[:150]


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check, except for authenticate() calls made without a request.

    Every login a stranger can reach (the site's login view, the admin's) passes the
    request. Calls without one come from code the site runs for itself (the test client's
    login(), a shell), where there is no client to throttle; axes would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def password_guess_refused(request, username):
    """True while logins for this username or from this address are paused.

    For password checks outside the login form (password change, account deletion, sign-up
    confirmation): the same pause applies, and axes' middleware answers with the 429 page.
    """
    credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
    if AxesProxyHandler.is_allowed(request, credentials):
        return False
    request.axes_locked_out = True
    request.axes_credentials = credentials
    return True


def password_guess_failed(request, username):
    """Count a wrong password typed anywhere as a failed login, towards the same lockout."""
    credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)


def lockout_response(request, original_response=None, credentials=None):
    """429 with the site's page, saying how long to wait (also in Retry-After)."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    context = {"cooloff_minutes": math.ceil(seconds / 60)}
    response = render(request, "429.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
