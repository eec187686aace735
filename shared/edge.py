"""The edge (Varnish or a CDN in front of the app), purged by the keys a write changed.

Public responses carry the keys they were built from (`Surrogate-Key`, `Cache-Tag`); when a
write marks its keys changed (shared.cache: at the write and again at commit, so a page
fetched from the old rows in between is dropped too), `purge(keys)` asks the edge to drop
every page built from any of them. A leaf module: it imports no app. EDGE_PURGE_BACKEND is
the dotted path of a class ("" means no edge) whose `purge(keys)` gets the sorted keys (none:
every page). A purge that fails is logged and never raised into the request that made the
write: the edge then serves the old page until its max-age runs out, as it would unpurged.
"""

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

logger = logging.getLogger("newsroom.edge")  # the name operators filter on

# Seconds one edge server may hold up the response to the write that purges it.
TIMEOUT = 1.0


def purge(keys=()):
    """Tell the edge that pages built from any of `keys` are stale; no keys: every page."""
    path = settings.EDGE_PURGE_BACKEND
    if not path:
        return
    keys = sorted({str(key) for key in keys if key})
    try:
        import_string(path)().purge(keys)
    except Exception:
        logger.exception("edge purge of %s through %s failed", keys or "every page", path)


class VarnishPurger:
    """`PURGE` with `xkey-purge: <keys>` to each Varnish in EDGE_PURGE_URLS (docs/varnish.vcl).

    Every server is tried even when one fails: a server left unpurged serves an old page, so
    each failure is logged with its address.
    """

    def __init__(self, urls=None, timeout=TIMEOUT):
        self.urls = list(settings.EDGE_PURGE_URLS if urls is None else urls)
        self.timeout = timeout

    def purge(self, keys):
        headers = {"xkey-purge": " ".join(keys)} if keys else {"xkey-purge-all": "1"}
        for url in self.urls:
            self.send(url, headers)

    def send(self, url, headers):
        request = urllib.request.Request(url, method="PURGE", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                logger.debug("edge purge at %s: %s %s", url, response.status, response.reason)
        except OSError as error:  # refused, timed out, or an HTTP error status
            logger.warning("edge purge at %s of %s failed: %s", url, headers, error)


def check_settings(app_configs=None, **kwargs):
    """A misnamed backend or a Varnish without addresses is found at start, not at a write."""
    path = settings.EDGE_PURGE_BACKEND
    if not path:
        return []
    try:
        backend = import_string(path)
    except ImportError as error:
        message = f"EDGE_PURGE_BACKEND {path!r} cannot be imported: {error}"
        return [checks.Error(message, id="newsroom.E101")]
    problems = []
    if backend is VarnishPurger and not settings.EDGE_PURGE_URLS:
        problems.append(
            checks.Error(
                "EDGE_PURGE_BACKEND is the Varnish purger but EDGE_PURGE_URLS is empty",
                hint="Set NEWSROOM_EDGE_PURGE_URLS to the Varnish addresses, comma-separated.",
                id="newsroom.E102",
            )
        )
    problems += [
        checks.Error(f"EDGE_PURGE_URLS entry {url!r} is not an http(s) address", id="newsroom.E103")
        for url in settings.EDGE_PURGE_URLS
        if not is_http_address(url)
    ]
    return problems


def is_http_address(url):
    parts = urlsplit(url)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)
