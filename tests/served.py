"""A request through Django's WSGI handler, as a WSGI server makes it: the test client reads a
response its own way, not through the handler's list of header pairs."""

import io
import sys

from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections


def served(path, **meta):
    """(status, [(header, value), ...], body) of a GET of `path`, `meta` added to the environ
    (HTTP_IF_NONE_MATCH=...)."""
    sent = []
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **meta,
    }
    # As the test client does: the test's own connection (and transaction) is not one to close.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        response = WSGIHandler()(environ, lambda status, headers: sent.append((status, headers)))
        body = b"".join(response)
        response.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return sent[0][0], sent[0][1], body
