"""Real gunicorn servers for the multi-process tests, and a tiny cookie-keeping browser."""

import contextlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlencode

from tests.pgserver import free_port, real_clock_env

BASE_DIR = Path(__file__).resolve().parents[2]
HOST = "news.test"  # the name a load balancer would pass to every server
PASSWORD = "correct horse battery staple"

SEED = """
import json
from tests.database_template import migrate_site
migrate_site()
from datetime import timedelta
from django.utils import timezone
from accounts.models import User
from articles.models import Article, Category
category = Category.objects.filter(shows_trending=False).order_by("position").first()
editor = User.objects.create_superuser("editor", "editor@example.com", {password!r})
User.objects.create_superuser("deputy", "deputy@example.com", {password!r})  # a second person
article = Article.objects.create(
    headline="Harbour council votes on the ferry plan", slug="harbour-ferry-plan",
    body="The council met on Tuesday.", category=category, status="published",
    published_at=timezone.now() - timedelta(hours=1),
)
article.authors.set([editor])
desk = Category.objects.filter(shows_trending=False).exclude(pk=category.pk).first()
other = Article.objects.create(
    headline="Comet seen over the bay", slug="comet-over-the-bay", body="Look up tonight.",
    category=desk, status="published", published_at=timezone.now() - timedelta(hours=2),
)
other.authors.set([editor])
print(json.dumps({{
    "category": category.pk, "article": article.get_absolute_url(), "article_id": article.pk,
    "other": other.get_absolute_url(),
}}))
"""


def collect_static(directory):
    """Production settings need the hashed-name manifest; one collection serves every server."""
    env = site_env(directory / "var", directory / "static")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    return directory / "static"


def site_env(var_dir, static_root, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL"} and not key.startswith("PYTEST")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
        DJANGO_VAR_DIR=str(var_dir),
        DJANGO_STATIC_ROOT=str(static_root),
        DJANGO_LOG_LEVEL="WARNING",
        GUNICORN_ACCESSLOG="/dev/null",
        **extra,
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stderr}"
    return result.stdout


def seed(env):
    """A migrated database with one editor, one published article; returns their addresses."""
    output = manage(env, "shell", "--command", SEED.format(password=PASSWORD))
    return json.loads(output.strip().splitlines()[-1])


def wait_for_port(port, process=None, timeout=20):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server on port {port} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout} s")


@contextlib.contextmanager
def gunicorn(env, workers=1):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers)]
    process = subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        wait_for_port(port, process)
        yield Browser(port)
    finally:
        process.send_signal(signal.SIGINT)  # a quick shutdown; SIGTERM waits for workers
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()


@contextlib.contextmanager
def redis_server():
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--protected-mode", "yes"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=real_clock_env()
    )
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


class Browser:
    """Keeps cookies like a browser and sends the shared host name to one server."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, data=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Host": HOST})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get(self, path):
        return self.request(path)

    def post_file(self, path, fields, name, filename, data, content_type):
        """A multipart POST, as a browser sends a form with a file input."""
        boundary = secrets.token_hex(16)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'
            for key, value in fields.items()
        ]
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        body = "".join(parts).encode() + head.encode() + data + f"\r\n--{boundary}--\r\n".encode()
        headers = {"Host": HOST, "Content-Type": f"multipart/form-data; boundary={boundary}"}
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def wait_until_ready(self, timeout=20):
        """The port opens before the worker has loaded Django; wait for a real answer."""
        deadline = time.monotonic() + timeout
        while self.get("/healthz")[0] != 200:
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.base} did not answer /healthz in {timeout} s")
            time.sleep(0.05)

    def submit(self, path, **changes):
        """Post the form on the page at `path` as it stands, with `changes` typed in."""
        status, _, html = self.get(path)
        assert status == 200, f"GET {path} answered {status}"
        form = FormReader()
        form.feed(html)
        fields = form.fields | {name: [value] for name, value in changes.items()}
        return self.request(path, fields)


class FormReader(HTMLParser):
    """What the largest POST form on a page would send, as a browser would send it.

    The largest, because admin pages also hold the small log-out form.
    """

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None
        self.select = self.textarea = None

    @property
    def fields(self):
        return max(self.forms, key=len, default={})

    def add(self, name, value):
        self.current.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {}
            self.forms.append(self.current)
        if self.current is None or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.add(attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select = attrs["name"]
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.add(self.textarea, "")

    def handle_data(self, data):
        if self.textarea:
            self.current[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.current = None
