"""Signed links in mail: a confirmation that expires, and unsubscribe and preference links
that need no login. The signature is the whole authority, so none of them needs a session
or a CSRF token, and none can be made for another address."""

from django.core import signing

from . import conf

CONFIRM = "newsletters.confirm"
UNSUBSCRIBE = "newsletters.unsubscribe"
PREFERENCES = "newsletters.preferences"


def confirm_token(email, follow=""):
    return signing.dumps({"e": email, "f": follow}, salt=CONFIRM, compress=True)


def read_confirm(token):
    """(email, follow) or None when the link is forged or older than the confirm window."""
    try:
        data = signing.loads(token, salt=CONFIRM, max_age=conf.confirm_days() * 86400)
    except signing.BadSignature:
        return None
    return data["e"], data.get("f", "")


def unsubscribe_token(subscriber, kind):
    return signing.dumps({"s": subscriber.pk, "k": kind}, salt=UNSUBSCRIBE)


def read_unsubscribe(token):
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE)
    except signing.BadSignature:
        return None
    return data["s"], data["k"]


def preferences_token(subscriber):
    return signing.dumps(subscriber.pk, salt=PREFERENCES)


def read_preferences(token):
    try:
        return signing.loads(token, salt=PREFERENCES)
    except signing.BadSignature:
        return None
