"""Writes of the fronts app that readers see, each naming exactly what it changed."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from shared.cache import content_changed
from shared.keys import BANNER, FRONTS, front_key

from .models import Banner

SET_BANNER = "fronts.set_banner"


def front_changed(*, category_id):
    """A front's layout changed (its zones, placements or presentation): its page alone."""
    content_changed(front_key(category_id))


def fronts_changed():
    """Which pages have a front may have changed (a zone made or removed): the fronts
    state every page reads, no page itself."""
    content_changed(FRONTS)


def banner_set(*, user, text, link="", urgency=Banner.Urgency.BREAKING, expires_at=None):
    """Put `text` across every page, replacing any banner up now. Editors only."""
    _check(user)
    text, link = text.strip(), link.strip()
    if not text:
        raise ValidationError("Write the banner's text.")
    if (
        link
        and not (link.startswith("/") and not link.startswith("//"))
        and not (link.startswith("https://") or link.startswith("http://"))
    ):
        raise ValidationError("The link must be an address on this site (/...) or http(s)://.")
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ValidationError("The expiry must be in the future.")
    with transaction.atomic():
        _clear_current(user, now)
        banner = Banner.objects.create(
            text=text, link=link, urgency=urgency, expires_at=expires_at, set_at=now, set_by=user
        )
        _changed()
    return banner


def banner_clear(*, user):
    """Take the banner down (kept for the record). True when there was one up."""
    _check(user)
    with transaction.atomic():
        cleared = _clear_current(user, timezone.now())
        if cleared:
            _changed()
    return bool(cleared)


def _check(user):
    if not (user.is_active and user.has_perm(SET_BANNER)):
        raise PermissionDenied("Only editors set and clear the breaking-news banner.")


def _clear_current(user, now):
    return Banner.objects.current(now).update(cleared_at=now, cleared_by=user)


def _changed():
    content_changed(BANNER)
