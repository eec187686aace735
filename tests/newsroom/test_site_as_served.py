"""The demo site served exactly as `make run` serves it, crawled as readers would.

`make run` itself is started (gunicorn with DEBUG off, media served, the seeded demo, the job
worker), in a folder of its own, on a free port. A logged-out and a logged-in reader then
follow every link, picture, stylesheet and script the public pages show: each must answer
2xx or a deliberate redirect, and the server must log no error while they do. Pieces tested
one by one can all pass while the site as served is broken (every picture once answered
500 to logged-out readers); this is the test that sees it.
"""

import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.parse import urldefrag, urlencode, urljoin, urlsplit

import pytest

from tests.newsroom.servers import BASE_DIR
from tests.pgserver import free_port

pytestmark = [
    pytest.mark.multiserver,
    # `make run` serves SQLite whatever the suite's database (the fixture drops DATABASE_URL
    # for it); make test runs it once, in the PostgreSQL leg, the shorter of the two.
    pytest.mark.own_servers,
]

# Pages whose links and assets are followed; anything else linked is only requested.
CRAWLED = re.compile(r"^/($|category/|tag/|author/|articles/|search/|live/|about/|newsletters/$)")
NOT_FOLLOWED = re.compile(r"^/(admin/|accounts/logout|comments/|api/v1/.+/$)")
LISTING_PAGE = re.compile(r"[?&]page=(\d+)")
SERVER_ERROR = re.compile(r"(Traceback \(most recent call last\)|Internal Server Error| 5\d\d )")


class Links(HTMLParser):
    """Every address a browser would follow or load from one page."""

    def __init__(self):
        super().__init__()
        self.pages, self.assets = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.add(attrs["href"])
        elif tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").split())
            (self.assets if rels & {"stylesheet", "icon", "preload"} else self.pages).add(
                attrs["href"]
            )
        elif tag in ("img", "source", "script"):
            if attrs.get("src"):
                self.assets.add(attrs["src"])
            for candidate in (attrs.get("srcset") or "").split(","):
                if candidate.strip():
                    self.assets.add(candidate.split()[0])


class Reader:
    """A reader with a cookie jar who does not follow redirects (each is checked itself)."""

    class NoRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), self.NoRedirects
        )

    def get(self, path, data=None):
        body = urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=60) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def log_in(self, username, password):
        _, _, html = self.get("/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, headers, _ = self.get(
            "/accounts/login/",
            {"csrfmiddlewaretoken": token.decode(), "username": username, "password": password},
        )
        assert status == 302, f"logging in as {username} answered {status}"

    def crawl(self):
        """Every page reachable from home; returns {address: status} and the broken ones."""
        seen, broken, queue = {}, [], ["/"]
        while queue:
            path = queue.pop(0)
            status, headers, body = self.get(path)
            seen[path] = status
            if not (200 <= status < 400):
                broken.append(f"{path} answered {status}")
                continue
            if "text/html" not in headers.get("Content-Type", "") or not CRAWLED.match(path):
                continue
            links = Links()
            links.feed(body.decode())
            for address in links.pages:
                local = self.local(path, address)
                if local and local not in seen and local not in queue and self.follows(local):
                    queue.append(local)
            assets = {self.local(path, a) for a in links.assets} - {None} - set(seen)
            with ThreadPoolExecutor(4) as pool:
                for asset, (asset_status, _, _) in zip(
                    assets, pool.map(self.get, assets), strict=True
                ):
                    seen[asset] = asset_status
                    if asset_status != 200:
                        broken.append(f"{asset} (on {path}) answered {asset_status}")
        return seen, broken

    def local(self, page, address):
        url = urldefrag(urljoin(self.base + page, address))[0]
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base:
            return None  # another site: never requested from a test
        return parts.path + (f"?{parts.query}" if parts.query else "")

    @staticmethod
    def follows(path):
        page = LISTING_PAGE.search(path)
        return not NOT_FOLLOWED.match(path) and not (page and int(page.group(1)) > 2)


class ServedSite:
    def __init__(self, port, var_dir):
        self.base = f"http://127.0.0.1:{port}"
        self.var_dir = var_dir
        self.output = []

    def logins(self):
        text = (self.var_dir / "demo_logins.txt").read_text()
        return {
            role: (user, password)
            for role, user, _, password in re.findall(
                r"^\s+(\w+)\s+(\S+)\s+(password:) (\S+)$", text, re.M
            )
        }

    def errors(self):
        return [line for line in self.output if SERVER_ERROR.search(line)]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("served")
    port = free_port()
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "NEWSROOM_", "PYTEST", "DATABASE_URL", "REDIS_URL"))
    }
    env["DJANGO_VAR_DIR"] = str(var_dir)
    served = ServedSite(port, var_dir)
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run", f"PORT={port}", "HOST=127.0.0.1"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    reader = threading.Thread(target=lambda: served.output.extend(process.stdout), daemon=True)
    reader.start()
    try:
        wait_until_up(served, process)
        yield served
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # make run's supervisor stops both
        try:
            process.wait(timeout=45)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        reader.join(timeout=5)


def wait_until_up(served, process, timeout=300):
    """Installing (a no-op here), migrating and seeding come first; then gunicorn answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("make run stopped:\n" + "".join(served.output[-40:]))
        try:
            with urllib.request.urlopen(served.base + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError("make run did not answer in time:\n" + "".join(served.output[-40:]))


def test_a_logged_out_reader_finds_nothing_broken(site):
    seen, broken = Reader(site.base).crawl()

    assert broken == []
    assert sum(path.startswith("/media/") for path in seen) > 10, "the demo's pictures"
    assert sum(path.startswith("/articles/") for path in seen) > 20, "the demo's articles"
    assert len(seen) > 100
    assert site.errors() == []


def test_a_logged_in_reader_finds_nothing_broken(site):
    reader = Reader(site.base)
    reader.log_in(*site.logins()["reader"])

    seen, broken = reader.crawl()

    assert broken == []
    assert sum(path.startswith("/media/") for path in seen) > 10
    assert site.errors() == []


def test_make_run_prints_the_address_it_serves_and_the_demo_logins(site):
    printed = "".join(site.output)
    assert f"Site:  {site.base}/" in printed
    assert "reader" in site.logins()


def test_mail_links_point_at_the_port_make_run_serves(site):
    """`PORT=8820 make run`: the confirmation a new subscriber gets links to port 8820."""
    reader = Reader(site.base)
    _, _, html = reader.get("/newsletters/subscribe/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = {"csrfmiddlewaretoken": token.decode(), "email": "new.reader@example.com"}
    status, _, _ = reader.get("/newsletters/subscribe/", form)
    assert status in (200, 302)

    deadline = time.monotonic() + 60  # the job worker sends it, to make run's console
    while time.monotonic() < deadline and "/newsletters/confirm/" not in "".join(site.output):
        time.sleep(0.2)
    mail = "".join(site.output).split("To: new.reader@example.com", 1)[-1]
    assert "/newsletters/confirm/" in mail
    assert f"{site.base}/newsletters/confirm/" in mail.replace("=\n", "")
    assert "localhost:8000" not in mail
