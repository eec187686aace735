"""The content API from a browser: another site's page reads it (CORS, with a key), and
the reference page runs under the site's CSP with nothing from outside."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from api.models import ApiKey
from tests.browser.test_accessibility import AXE, serious
from tests.browser.test_csp import violations  # noqa: F401 - a fixture used below
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FETCH = """async ([url, key]) => {
  const response = await fetch(url, {headers: key ? {"X-API-Key": key} : {}});
  return [response.status, (await response.json()).results.map((item) => item.slug)];
}"""


class PartnerPage(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<!doctype html><title>Partner</title><p>A partner's site</p>")

    def log_message(self, *args):
        pass


@pytest.fixture
def partner_site():
    """Another origin on this machine: a partner's page that calls our API."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), PartnerPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_page_on_another_origin_reads_the_api_with_and_without_a_key(
    page, live_server, partner_site
):
    ArticleFactory(published=True, slug="harbour-fees")
    ArticleFactory(slug="secret-draft")
    key = ApiKey(name="Partner")
    secret = key.issue()
    key.save()
    page.goto(partner_site)

    url = f"{live_server.url}/api/v1/articles/"
    assert page.evaluate(FETCH, [url, None]) == [200, ["harbour-fees"]]
    # A custom header: the browser asks first (preflight) and the answer allows it.
    assert page.evaluate(FETCH, [url, secret]) == [200, ["harbour-fees"]]


def test_the_reference_page_runs_without_a_csp_violation_and_is_accessible_light_and_dark(
    page,
    violations,  # noqa: F811
    screenshot,
):
    """One visit for every check (the CSP, its heading, axe in both colour schemes)."""
    assert violations("/api/v1/reference/") == []
    assert page.get_by_role("heading", level=1).inner_text().startswith("Newsroom content API")
    assert page.locator("h1").count() == 1
    screenshot("api-reference")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        assert serious(AXE.run(page)) == [], scheme
