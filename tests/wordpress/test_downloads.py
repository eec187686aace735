"""Images fetched from the old site when the editor allows it: a real HTTP server on a
free port stands in for it. An export is a file anyone can write, so downloads are checked
like webhooks: never from an internal address unless the setting lists the host."""

import functools
import http.server
import socket
import threading

import pytest

from articles.models import Article, Image
from wordpress import media

from .conftest import EXPORT, UPLOADS, run_import

pytestmark = pytest.mark.django_db


class OldSite(http.server.SimpleHTTPRequestHandler):
    """Serves the fixture uploads and remembers each request; `redirect_to` answers every
    request with a 302 there instead."""

    requests = None
    redirect_to = None

    def do_GET(self):
        self.requests.append(self.path)
        if self.redirect_to:
            self.send_response(302)
            self.send_header("Location", self.redirect_to + self.path)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, *args):
        pass


def start_server(redirect_to=None):
    requests = []
    handler = functools.partial(
        type("Handler", (OldSite,), {"requests": requests, "redirect_to": redirect_to}),
        directory=str(UPLOADS),
    )
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, requests


@pytest.fixture
def old_site():
    server, requests = start_server()
    server.requests = requests
    server.port = server.server_address[1]
    yield server
    server.shutdown()
    server.server_close()


def export_pointing_at(tmp_path, base):
    path = tmp_path / "export.xml"
    text = EXPORT.read_text().replace("https://harbourherald.example/wp-content/uploads", base)
    # _wp_attached_file would find the files in a --media-dir; here there is none.
    path.write_text(text)
    return path


@pytest.fixture
def export_on(old_site, tmp_path, settings):
    settings.WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]  # the test's old site
    return export_pointing_at(tmp_path, f"http://127.0.0.1:{old_site.port}")


def image_skips(report, port):
    """The report's lines about images, the port written the same whatever it was."""
    return [
        line.replace(str(port), "PORT")
        for line in report.splitlines()
        if line.strip().startswith("- image")
    ]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the block ends


def test_images_are_downloaded_only_when_allowed(export_on):
    run_import(path=export_on)
    assert not Image.objects.exists()
    run_import("--download", path=export_on)
    assert Image.objects.count() == 4
    assert Article.objects.get(slug="harbour-wall-rebuilt").featured_image is not None


def test_a_download_over_the_size_limit_is_reported_not_kept(export_on, monkeypatch):
    monkeypatch.setattr(media, "DOWNLOAD_MAX_BYTES", 100)
    report = run_import("--download", path=export_on)
    assert "could not be downloaded" in report
    assert not Image.objects.exists()
    assert Article.objects.get(slug="harbour-wall-rebuilt").is_published


def test_an_attachment_at_a_loopback_address_is_never_requested(old_site, tmp_path):
    export = export_pointing_at(tmp_path, f"http://127.0.0.1:{old_site.port}")
    report = run_import("--download", path=export)
    assert old_site.requests == []
    assert not Image.objects.exists()
    assert "could not be downloaded" in report
    assert Article.objects.get(slug="harbour-wall-rebuilt").is_published


@pytest.mark.parametrize("allowed", [[], ["127.0.0.1"]], ids=["refused", "allowed"])
def test_the_report_says_the_same_for_an_open_and_a_closed_local_port(
    allowed, old_site, tmp_path, settings
):
    # Allowed, the open port is asked and answers, with no picture (a 404 here).
    settings.WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS = allowed
    closed = free_port()
    reports = [
        image_skips(
            run_import("--download", "--dry-run", path=export_pointing_at(tmp_path, base)), port
        )
        for base, port in [
            (f"http://127.0.0.1:{old_site.port}/nothing-here", old_site.port),
            (f"http://127.0.0.1:{closed}/nothing-here", closed),
        ]
    ]
    assert reports[0] == reports[1]
    boats = "http://127.0.0.1:PORT/nothing-here/2024/03/boats.jpg"
    assert f"  - image 5 “{boats}”: could not be downloaded" in reports[0]
    assert len(old_site.requests) == (4 if allowed else 0)


def test_a_redirect_to_a_loopback_address_is_checked_again_and_refused(
    old_site, tmp_path, settings
):
    # "localhost" stands for a public host: allowed, it answers with a redirect to
    # 127.0.0.1, which is not allowed and must not be requested.
    settings.WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS = ["localhost"]
    front, front_requests = start_server(redirect_to=f"http://127.0.0.1:{old_site.port}")
    try:
        export = export_pointing_at(tmp_path, f"http://localhost:{front.server_address[1]}")
        report = run_import("--download", path=export)
    finally:
        front.shutdown()
        front.server_close()
    assert len(front_requests) == 4, "the allowed host was asked"
    assert old_site.requests == [], "the redirect's target was not"
    assert not Image.objects.exists()
    assert "could not be downloaded" in report


def test_a_redirect_to_an_allowed_host_is_followed(old_site, tmp_path, settings):
    settings.WORDPRESS_IMPORT_ALLOWED_INTERNAL_HOSTS = ["localhost", "127.0.0.1"]
    front, _ = start_server(redirect_to=f"http://127.0.0.1:{old_site.port}")
    try:
        export = export_pointing_at(tmp_path, f"http://localhost:{front.server_address[1]}")
        run_import("--download", path=export)
    finally:
        front.shutdown()
        front.server_close()
    assert len(old_site.requests) == 4
    assert Image.objects.count() == 4
