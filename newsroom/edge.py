"""Purging a cache in front of the site (Varnish, a CDN) by the keys a write changed.

A leaf module: settings name the purge backend; without one, nothing is sent.
"""

from django.conf import settings
from django.utils.module_loading import import_string


def purge(keys):
    backend = getattr(settings, "EDGE_PURGE_BACKEND", "")
    if backend and keys:
        import_string(backend)().purge(keys)
