from datetime import timedelta

from django.conf import settings


def email_every():
    """At most one notifications e-mail per person in this time (NOTIFICATIONS_EMAIL_EVERY)."""
    return getattr(settings, "NOTIFICATIONS_EMAIL_EVERY", timedelta(minutes=5))
