"""The newsroom's knobs for newsletters, read from settings at use (tests change them)."""

from datetime import time

from django.conf import settings


def batch_size():
    return getattr(settings, "NEWSLETTERS_BATCH_SIZE", 200)


def per_minute():
    """How many messages a minute the newsroom lets out (its provider's or server's limit)."""
    return getattr(settings, "NEWSLETTERS_PER_MINUTE", 600)


def digest_time():
    """The daily digest's time in TIME_ZONE, or None when the newsroom sends none ("")."""
    value = getattr(settings, "NEWSLETTERS_DIGEST_TIME", "07:00").strip()
    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def site_url():
    return settings.SITE_URL.rstrip("/")


def confirm_days():
    return getattr(settings, "NEWSLETTERS_CONFIRM_DAYS", 3)


def soft_bounce_limit():
    return getattr(settings, "NEWSLETTERS_SOFT_BOUNCE_LIMIT", 3)


def tracking():
    """Open and click tracking at the provider: off unless the newsroom turns it on."""
    return getattr(settings, "NEWSLETTERS_TRACKING", False)
