"""One version number for everything the public sees.

Cached pages and fragments put the version in their keys; a write that changes what the
public sees calls content_changed(), so every worker and every server (they share the
cache) stops using the old entries at once. The old entries simply expire.
"""

from django.core.cache import cache

VERSION_KEY = "newsroom:content-version"


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed():
    """Call after any write that changes a public page (publish, edit, comment approval)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, 2, timeout=None)
