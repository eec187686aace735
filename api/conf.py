"""Knobs of the content API, read from settings at each use (tests override them)."""

from django.conf import settings

DEFAULTS = {
    # Requests per minute: for each address without a key, for each API key (unless an
    # editor gave the key its own limit), and for each staff token of the write API.
    "API_RATE_ANONYMOUS": 60,
    "API_RATE_KEYED": 600,
    "API_RATE_STAFF": 120,
}
# How long a key's lookup is kept in the shared cache; revoking drops it at once.
CREDENTIAL_CACHE_SECONDS = 300


def setting(name):
    return getattr(settings, name, DEFAULTS[name])
