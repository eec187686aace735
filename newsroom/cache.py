"""One version number for everything the public sees, and fragments keyed on it.

Cached pages and fragments put the version in their keys; a write that changes what the
public sees calls content_changed(), so every worker and every server (they share the
cache) stops using the old entries at once. The old entries simply expire.
"""

import os
import secrets
import time

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db import transaction
from django.db.models import Min

VERSION_KEY = "newsroom:content-version"
_MISSING = object()


def first_version():
    # Random, not 1: after the cache is flushed a version must never come back, or a process
    # still holding pages of the old run under that number would serve them again.
    return secrets.randbits(52)


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, first_version(), timeout=None)
        version = cache.get(VERSION_KEY)
    return version


class _FileVersion:
    """content_version() for the file cache at the cost of one stat() while it is unchanged.

    The page cache reads the version on every request. The file cache writes a value by
    replacing its file, so an unchanged inode and mtime mean an unchanged version; any other
    backend (Redis, local memory) is asked every time. Every process still sees a change as
    soon as the file is replaced.
    """

    def __init__(self):
        self.place = self.file = self.seen = self.version = None

    def path(self):
        backend = caches[DEFAULT_CACHE_ALIAS]  # the one in force, also when tests swap it
        directory = getattr(backend, "_dir", None)
        place = (directory, backend.key_prefix, backend.version)
        if place != self.place:
            self.file = backend._key_to_file(VERSION_KEY) if directory else None
            self.place, self.seen = place, None
        return self.file

    def __call__(self):
        path = self.path()
        if path is None:
            return content_version()
        try:
            stat = os.stat(path)
        except OSError:
            return content_version()
        seen = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        if seen != self.seen:
            self.version, self.seen = content_version(), seen
        return self.version


current_version = _FileVersion()


def _bump():
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.add(VERSION_KEY, first_version(), timeout=None)


def depends_on(request, *keys):
    """Record that the page being built for this request shows what these keys name.

    Keys name what a write can change: "article:<id>", "comments:<article id>",
    "category:<id>", "tag:<id>", "author:<id>", "page:<id>", "live:<id>", "home", "nav",
    "site". The page cache and the edge (Surrogate-Key) use them to make stale exactly the
    pages a write touched.
    """
    recorded = getattr(request, "cache_keys", None)
    if recorded is None:
        recorded = request.cache_keys = set()
    recorded.update(keys)
    return request


def content_changed(*keys):
    """Call after any write that changes a public page (publish, edit, comment approval),
    naming what it changed (see depends_on); with no keys, everything is stale.

    Inside a transaction the version moves twice: now, so this process stops serving old
    entries, and again at commit, because another worker may have rendered a page from the
    old rows between the two and stored it under the new version.
    """
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def max_timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def next_publish_at(version=None):
    """When the next scheduled article goes live (a Unix time), or None.

    Asked once per content version, not once per request: scheduling or rescheduling an
    article is a write that moves the version. Once the time has passed, the next one is
    looked up.
    """
    from articles.models import Article  # articles imports this module

    key = f"newsroom:next-publish:{version or content_version()}"
    when = cache.get(key)
    if when is None or 0 < when <= time.time():
        soonest = Article.objects.scheduled().aggregate(soonest=Min("published_at"))["soonest"]
        when = soonest.timestamp() if soonest else 0
        cache.set(key, when, max_timeout())
    return when or None


def fresh_for(version=None, limit=None):
    """Seconds something rendered now may be kept: the cap, and never past the next publish."""
    seconds = max_timeout() if limit is None else limit
    when = next_publish_at(version)
    if when is not None:
        seconds = min(seconds, when - time.time())
    return max(0, int(seconds))


def cached_fragment(name, builder, timeout=None):
    """builder()'s value, built once per content version and shared by every worker.

    For what every page repeats (the category bar, a trending rail): a page-cache miss
    then costs no query for it. The value must pickle (lists of model instances do). It is
    kept no longer than the next scheduled publish, so a list of articles stays right.
    """
    version = content_version()
    key = f"newsroom:fragment:{version}:{name}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = builder()
        seconds = fresh_for(version, timeout)
        if seconds:
            cache.set(key, value, seconds)
    return value
