"""Purging the edge by key: what reaches Varnish, and that a broken edge never breaks a write."""

import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from shared import edge
from tests.pgserver import free_port

VARNISH = "shared.edge.VarnishPurger"


@contextlib.contextmanager
def purge_listener(status=200):
    """A real HTTP server on a free port that answers PURGE and keeps what it was sent."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):
            received.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/", received
    finally:
        server.shutdown()
        server.server_close()


def test_a_purge_sends_the_keys_to_every_varnish_once(settings):
    with purge_listener() as (first, to_first), purge_listener() as (second, to_second):
        settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = VARNISH, [first, second]
        edge.purge(["comments:12", "article:12", "comments:12"])
    for received in (to_first, to_second):
        [request] = received
        assert request["xkey-purge"] == "article:12 comments:12"


def test_a_purge_of_no_keys_drops_every_page(settings):
    with purge_listener() as (url, received):
        settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = VARNISH, [url]
        edge.purge([])
    [request] = received
    assert request["xkey-purge-all"] == "1" and "xkey-purge" not in request


def test_without_a_backend_nothing_is_sent(settings):
    with purge_listener() as (url, received):
        settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = "", [url]
        edge.purge(["article:1"])
    assert received == []


def test_a_varnish_that_is_down_is_logged_and_the_others_are_still_purged(settings, caplog):
    down = f"http://127.0.0.1:{free_port()}/"
    with purge_listener() as (up, received):
        settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = VARNISH, [down, up]
        edge.purge(["article:3"])
    assert [request["xkey-purge"] for request in received] == ["article:3"]
    assert f"edge purge at {down}" in caplog.text


def test_a_purge_refused_by_varnish_is_logged_not_raised(settings, caplog):
    with purge_listener(status=403) as (url, received):
        settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = VARNISH, [url]
        edge.purge(["article:3"])
    assert len(received) == 1
    assert "403" in caplog.text


def test_a_backend_that_cannot_be_imported_stops_the_checks_and_never_a_write(settings, caplog):
    settings.EDGE_PURGE_BACKEND = "shared.edge.NoSuchPurger"
    with pytest.raises(SystemCheckError, match="newsroom.E101.*NoSuchPurger"):
        call_command("check")
    edge.purge(["article:3"])
    assert "edge purge of ['article:3'] through shared.edge.NoSuchPurger failed" in caplog.text


def test_the_varnish_purger_without_addresses_is_reported_by_the_checks(settings):
    settings.EDGE_PURGE_BACKEND, settings.EDGE_PURGE_URLS = VARNISH, []
    with pytest.raises(SystemCheckError, match="newsroom.E102"):
        call_command("check")
