"""Login throttling (django-axes) wired to this site: the client's address, usernames, tests.

Axes counts failed logins by username and by client address and answers 429 during the
cool-off. Staff accounts are not locked by username (anyone could keep editors out of the
newsroom with a few wrong passwords): they are throttled per address, and beyond the limit
their username gets a progressive delay that addresses they have logged in from before skip
(docs/operations.md explains the trade-off).

The client's address is shared/client_address.py's.
"""

import math
import unicodedata
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.shortcuts import render
from django.utils import timezone

from shared.client_address import client_ip

READER_LOCKOUT = ["username", "ip_address"]
STAFF_LOCKOUT = ["ip_address"]


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


def is_staff_username(username, request=None):
    if not username:
        return False
    known = getattr(request, "_staff_usernames", {}) if request is not None else {}
    if username not in known:
        users = get_user_model()._default_manager
        known[username] = users.filter(username__iexact=username, is_staff=True).exists()
        if request is not None:
            request._staff_usernames = known
    return known[username]


def lockout_parameters(request_or_attempt, credentials=None):
    """Readers are locked out per username and per address; staff per address only."""
    if isinstance(request_or_attempt, HttpRequest):
        username = login_username(request_or_attempt, credentials)
        return STAFF_LOCKOUT if is_staff_username(username, request_or_attempt) else READER_LOCKOUT
    return STAFF_LOCKOUT if is_staff_username(request_or_attempt.username) else READER_LOCKOUT


def staff_login_wait(request, credentials):
    """Seconds before a staff username may be tried again from this address, or 0.

    Past the failure limit (counted over every address), each further failure doubles the
    wait, up to the cool-off. An address the account has logged in from before is never
    made to wait, so an attacker elsewhere cannot keep its owner out.
    """
    username = login_username(request, credentials)
    if not is_staff_username(username, request):
        return 0
    if AccessLog.objects.filter(username__iexact=username, ip_address=client_ip(request)).exists():
        return 0
    now = timezone.now()
    cool_off = settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(username=username, attempt_time__gte=now - cool_off)
    seen = recent.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    excess = (seen["failures"] or 0) - settings.AXES_FAILURE_LIMIT
    if excess < 0:
        return 0
    delay = timedelta(seconds=min(2**excess, cool_off.total_seconds()))
    return max(0, math.ceil((seen["last"] + delay - now).total_seconds()))


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check plus the staff delay, except for authenticate() calls without a request.

    Every login a stranger can reach (the site's login view, the admin's) passes the
    request. Calls without one come from code the site runs for itself (the test client's
    login(), a shell), where there is no client to throttle; axes would raise instead.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        credentials = {settings.AXES_USERNAME_FORM_FIELD: username}
        wait = staff_login_wait(request, credentials)
        if wait:
            # Refused without checking the password, and not recorded as a failure
            # (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT is off), so the wait stays put.
            request.axes_locked_out = True
            request.axes_credentials = credentials
            request.login_retry_after = wait
            raise AxesBackendPermissionDenied("Staff login delayed after repeated failures")
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
    seconds = getattr(request, "login_retry_after", None)
    if seconds is None:
        seconds = int(cool_off.total_seconds()) if cool_off else 0
    # A staff delay is seconds long; say so rather than "1 minute".
    context = {"cooloff_minutes": math.ceil(seconds / 60), "wait_seconds": seconds < 60 and seconds}
    response = render(request, "429.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response
