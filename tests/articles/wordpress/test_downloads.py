"""Images fetched from the old site when the editor allows it: a real HTTP server on a
free port stands in for it."""

import functools
import http.server
import threading

import pytest

from articles.models import Article, Image
from articles.wordpress import media

from .conftest import EXPORT, UPLOADS, run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def old_site():
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(UPLOADS))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def export_on(old_site, tmp_path):
    path = tmp_path / "export.xml"
    text = EXPORT.read_text().replace("https://harbourherald.example/wp-content/uploads", old_site)
    # _wp_attached_file would find the files in a --media-dir; here there is none.
    path.write_text(text)
    return path


def test_images_are_downloaded_only_when_allowed(export_on):
    run_import(path=export_on)
    assert not Image.objects.exists()
    run_import("--download", path=export_on)
    assert Image.objects.count() == 4
    assert Article.objects.get(slug="harbour-wall-rebuilt").featured_image is not None


def test_a_download_over_the_size_limit_is_reported_not_kept(export_on, monkeypatch):
    monkeypatch.setattr(media, "DOWNLOAD_MAX_BYTES", 100)
    report = run_import("--download", path=export_on)
    assert "larger than" in report
    assert not Image.objects.exists()
    assert Article.objects.get(slug="harbour-wall-rebuilt").is_published
