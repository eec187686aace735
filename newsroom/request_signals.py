"""Django's per-request signal receivers that can do nothing here, left unconnected.

Every request sends `request_started` and `request_finished`, and Django's receivers walk
every cache and database connection in use, through thread-and-task-local lookups: about a
quarter of a page-cache hit or a static file (docs/performance.md). Two of them can do
nothing in this configuration, so they are not connected while that holds:

- `close_caches` calls each cache's `close()`, which for the file cache, Redis and local
  memory is `BaseCache.close`, a no-op. Any configured backend with a `close()` of its own
  (memcached) connects it again.
- `reset_queries` empties each connection's query log, which fills only under DEBUG (or
  while a test captures queries, which disconnects and reconnects it itself). Decided once
  at start: switching it on again when a test turns DEBUG on could nest inside a capture
  and clear its queries.

The caches are checked again whenever CACHES change (tests' override_settings). Closing database
connections past their age (`close_old_connections`) and the URLconf reset stay: each
does real work on some request.
"""

from django.conf import settings
from django.core import signals
from django.core.cache import BaseCache, close_caches
from django.db import reset_queries
from django.utils.module_loading import import_string


def caches_close_nothing():
    for conf in settings.CACHES.values():
        try:
            backend = import_string(conf["BACKEND"])
        except (ImportError, KeyError):
            return False  # Django reports it on first use; nothing is assumed of it here
        if backend.close is not BaseCache.close:
            return False
    return True


def wire(signal, receiver, needed):
    # connect() is idempotent (receivers are keyed by identity), as is disconnect().
    if needed:
        signal.connect(receiver)
    else:
        signal.disconnect(receiver)


def fit_receivers():
    fit_cache_receiver()
    wire(signals.request_started, reset_queries, needed=settings.DEBUG)


def fit_cache_receiver(*, setting="CACHES", **kwargs):
    if setting == "CACHES":
        wire(signals.request_finished, close_caches, needed=not caches_close_nothing())
