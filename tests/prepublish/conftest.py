import contextlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@contextlib.contextmanager
def local_site():
    """A real HTTP server on a free loopback port: /gone answers 404, everything else 200."""
    asked = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            asked.append(self.path)
            status = 404 if self.path.startswith("/gone") else 200
            answer = b"not here" if status == 404 else b"<p>here</p>"
            self.send_response(status)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", asked
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def other_site(settings):
    """Link checks on, and loopback allowed for this server only (as the webhook tests do)."""
    settings.PREPUBLISH_LINK_CHECKS = True
    settings.PREPUBLISH_LINK_CHECK_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]
    with local_site() as (url, asked):
        yield url, asked
