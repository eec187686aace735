"""Render every public page of a database to files, to prove a restructuring changed none.

    .venv/bin/python -m tests.refactor.snapshot_pages --db DB --media DIR --out DIR [--at ISO]
    .venv/bin/python -m tests.refactor.snapshot_pages --compare DIR_A DIR_B

The database and the media are copied to a temporary folder first (rendering counts reads
and may write sessions), the project's settings run with DJANGO_DEBUG=1 and in-memory
caches (tests/refactor/snapshot_settings.py), and every request is made with Django's
test Client in this process, with the clock frozen at one instant by time_machine: by
default one hour after the newest article published before the database was made (so
scheduled articles stay scheduled), which makes two runs on the same database identical.

What is rendered, each as a logged-out visitor (anon/), the demo reader `reader`
(reader/) and the demo editor `sofia` (editor/): the home page and its next pages, every
category, tag and author page, every article in the database (drafts answer 404), every
static page, search (with and without results), every feed, the sitemaps, robots.txt, the
newsletter and account pages, the live pages, the API's v1 lists and a detail, every
WordPress old address and old article slug (status and Location), and a 404. The editor
also gets the admin's index and every changelist in admin/ (these are expected to differ
for the models that move). The URL list comes from the database tables directly (their
names stay through the restructuring) and from the sitemaps, never from our code.

Each response is one file: the status line, the headers that matter (Location,
Content-Type, Cache-Control, Vary, Surrogate-Key, Cache-Tag, Content-Security-Policy,
ETag, the names and attributes of cookies set), a blank line and the body.

Normalisations, each of something that differs per request by design and by nothing else:
- CSRF tokens in forms (`csrfmiddlewaretoken` values) and the csrftoken cookie: Django masks
  the token with a fresh random salt at every render.
- Cookie values (sessionid, csrftoken, messages): random per session; names and attributes
  (path, max-age, flags) are kept.
- ETag of a page whose body had a token normalised: it hashes the unnormalised body.
- X-Request-ID is not recorded: a fresh uuid4 per request (newsroom/middleware.py).
- The per-render personal-marker token of the shared page shells (newsroom/personal.py) is
  never seen: it is filled in before the response leaves, so nothing is normalised for it.
- The Content-Security-Policy header's directives are sorted: django-csp writes them in an
  order that changes with Python's hash seed from one process to the next (seen in two
  runs); the order means nothing. It has no nonce (nothing inline runs).
"""

import argparse
import difflib
import os
import re
import shutil
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

HEADERS = (
    "Location",
    "Content-Type",
    "Cache-Control",
    "Vary",
    "Surrogate-Key",
    "Cache-Tag",
    "Content-Security-Policy",
    "X-Frame-Options",
    "ETag",
)
# name="csrfmiddlewaretoken" value="…" (value may be on the next line), or in JSON/JS.
CSRF_TOKEN = re.compile(
    rb"(csrfmiddlewaretoken[\"']?\s*(?:value\s*=|[:=])\s*[\"'])[A-Za-z0-9]{32,64}([\"'])"
)
SITE_URL = "http://localhost:8000"
READER, EDITOR = "reader", "sofia"


def rows(db, sql):
    with sqlite3.connect(db) as connection:
        return [row[0] if len(row) == 1 else row for row in connection.execute(sql)]


def default_instant(db):
    """One hour after the newest article published before the database was made."""
    newest = rows(
        db,
        "SELECT max(published_at) FROM articles_article WHERE status = 'published' "
        "AND published_at <= (SELECT max(created_at) FROM articles_article)",
    )[0]
    moment = datetime.fromisoformat(newest).replace(tzinfo=UTC)
    return moment.replace(microsecond=0) + timedelta(hours=1)


def public_urls(db, client):
    """Every public address, from the database's tables and the sitemaps; sorted."""
    urls = {"/", "/?page=2", "/?page=3", "/robots.txt", "/sitemap.xml", "/sitemap-news.xml"}
    urls |= {"/search/", "/search/?q=harbour", "/search/?q=zzzznothing", "/search/?q=council"}
    urls |= {"/feeds/rss/", "/feeds/atom/", "/no-such-page-here/", "/articles/no-such-article/"}
    urls |= {"/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"}
    urls |= {"/accounts/profile/", "/accounts/password_change/", "/accounts/delete/"}
    urls |= {"/newsletters/subscribe/", "/newsletters/privacy/", "/newsletters/preferences/"}
    urls |= {"/newsletters/follow/"}
    for slug in rows(db, "SELECT slug FROM articles_category"):
        urls |= {f"/category/{slug}/", f"/category/{slug}/?page=2"}
        urls |= {f"/feeds/category/{slug}/rss/", f"/feeds/category/{slug}/atom/"}
    for slug in rows(db, "SELECT slug FROM taggit_tag"):
        urls |= {f"/tag/{slug}/", f"/feeds/tag/{slug}/rss/", f"/feeds/tag/{slug}/atom/"}
    for slug in rows(db, "SELECT slug FROM accounts_user WHERE slug <> ''"):
        urls |= {f"/author/{slug}/", f"/feeds/author/{slug}/rss/", f"/feeds/author/{slug}/atom/"}
    urls |= {f"/articles/{slug}/" for slug in rows(db, "SELECT slug FROM articles_article")}
    urls |= {f"/{path}/" for path in rows(db, "SELECT path FROM articles_page")}
    urls |= set(old_addresses(db))
    urls |= {
        f"/articles/{slug}/" for slug in rows(db, "SELECT old_slug FROM articles_slugredirect")
    }
    live = rows(db, "SELECT DISTINCT article_id FROM live_liveupdate")
    urls |= {f"/live/{article}/updates.json" for article in live}
    urls |= {f"/live/update/{pk}/" for pk in rows(db, "SELECT id FROM live_liveupdate")}
    urls |= {"/api/v1/", "/api/v1/reference/", "/api/v1/articles/", "/api/v1/categories/"}
    urls |= {"/api/v1/tags/", "/api/v1/authors/", "/api/v1/pages/", "/api/v1/no-such/"}
    urls |= {"/api/v1/articles/?page_size=5", "/api/v1/openapi.json"}
    published = rows(
        db, "SELECT slug FROM articles_article WHERE status = 'published' ORDER BY id LIMIT 3"
    )
    urls |= {f"/api/v1/articles/{slug}/" for slug in published}
    # The sitemaps list what the code thinks is public; anything the tables missed.
    for sitemap in sitemap_urls(client):
        urls.add(sitemap)
        urls |= set(locations(client, sitemap))
    return sorted(urls)


def old_addresses(db):
    return sorted(rows(db, "SELECT path FROM articles_oldaddress"))


def sitemap_urls(client):
    return ["/sitemap.xml", *locations(client, "/sitemap.xml")]


def locations(client, url):
    response = client.get(url)
    if response.status_code != 200:
        return []
    found = re.findall(rb"<loc>([^<]+)</loc>", response.content)
    return [on_site(loc.decode()) for loc in found if loc.decode().startswith(SITE_URL)]


def on_site(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def file_name(url):
    name = url.lstrip("/").replace("/", "__") or "_home"
    return quote(name, safe="-_.~=&+,") + ".http"


def normalise(body):
    return CSRF_TOKEN.subn(rb"\1<csrf>\2", body)


def record(response):
    body, changed = normalise(response.content if not response.streaming else b"".join(response))
    lines = [f"HTTP {response.status_code} {response.reason_phrase}"]
    for header in HEADERS:
        if header in response:
            value = response[header]
            if header == "ETag" and changed:
                value = "<etag of the unnormalised body>"
            if header == "Content-Security-Policy":
                value = "; ".join(sorted(part.strip() for part in value.split(";")))
            lines.append(f"{header}: {value}")
    for name in sorted(response.cookies):
        morsel = response.cookies[name]
        attributes = "; ".join(f"{key}={value}" for key, value in sorted(morsel.items()) if value)
        lines.append(f"Set-Cookie: {name}=<value>; {attributes}")
    return "\n".join(lines).encode() + b"\n\n" + body


def admin_urls():
    from django.contrib import admin

    urls = ["/admin/", "/admin/no-such/"]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(f"/admin/{meta.app_label}/{meta.model_name}/")
    return sorted(set(urls))


def setup(db, media, var_dir):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.refactor.snapshot_settings",
        DJANGO_DEBUG="1",
        DJANGO_VAR_DIR=str(var_dir),
        SQLITE_PATH=str(var_dir / "db.sqlite3"),
        DJANGO_MEDIA_ROOT=str(var_dir / "media"),
        NEWSROOM_SITE_URL=SITE_URL,
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_HTTPS="0",
    )
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS", "DJANGO_MEDIA_URL"):
        os.environ.pop(name, None)
    shutil.copyfile(db, var_dir / "db.sqlite3")
    if media:
        shutil.copytree(media, var_dir / "media")
    import django

    django.setup()


def snapshot(db, media, out, at):
    import time_machine

    var_dir = Path(tempfile.mkdtemp(prefix="snapshot-pages-"))
    try:
        setup(db, media, var_dir)
        at = at or default_instant(var_dir / "db.sqlite3")
        with time_machine.travel(at, tick=False):
            counts = render_all(var_dir / "db.sqlite3", Path(out))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    print(f"Rendered at {at.isoformat()}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))


def render_all(db, out):
    from django.contrib.auth import get_user_model
    from django.test import Client

    anonymous = Client(HTTP_HOST="localhost")
    urls = public_urls(db, anonymous)
    users = get_user_model().objects
    clients = {"anon": anonymous}
    for folder, username in (("reader", READER), ("editor", EDITOR)):
        clients[folder] = Client(HTTP_HOST="localhost")
        clients[folder].force_login(users.get(username=username))
    counts = {}
    for folder, client in clients.items():
        counts[folder] = write_pages(client, urls, out / folder)
    counts["admin"] = write_pages(clients["editor"], admin_urls(), out / "admin")
    (out / "urls.txt").write_text("\n".join(urls) + "\n")
    return counts


def write_pages(client, urls, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for url in urls:
        (folder / file_name(url)).write_bytes(record(client.get(url)))
    return len(urls)


def compare(a, b, context_lines=20):
    """Files only in A or B, and a unified diff head of each that differs; exit 1 if any."""
    a, b = Path(a), Path(b)
    names_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    names_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    only_a, only_b = sorted(names_a - names_b), sorted(names_b - names_a)
    differing = [
        n for n in sorted(names_a & names_b) if (a / n).read_bytes() != (b / n).read_bytes()
    ]
    print(f"{len(names_a & names_b)} files in both, {len(differing)} differ")
    for label, names in ((f"only in {a}", only_a), (f"only in {b}", only_b)):
        if names:
            print(f"{label}: {len(names)}")
            for name in names[:50]:
                print(f"  {name}")
            if len(names) > 50:
                print(f"  ... {len(names) - 50} more")
    for name in differing:
        print(f"--- differs: {name}")
        left = (a / name).read_text(errors="replace").splitlines()
        right = (b / name).read_text(errors="replace").splitlines()
        diff = list(difflib.unified_diff(left, right, str(a / name), str(b / name), lineterm=""))
        print("\n".join(diff[:context_lines]))
        if len(diff) > context_lines:
            print(f"  ... {len(diff) - context_lines} more diff lines")
    return 1 if only_a or only_b or differing else 0


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="SQLite database to render (it is copied, not changed).")
    parser.add_argument("--media", help="Media folder of that database (copied).")
    parser.add_argument("--out", help="Folder to write the pages into.")
    parser.add_argument("--at", help="ISO instant to freeze the clock at (default: see above).")
    parser.add_argument("--compare", nargs=2, metavar=("DIR_A", "DIR_B"))
    args = parser.parse_args(argv)
    if args.compare:
        return compare(*args.compare)
    if not (args.db and args.out):
        parser.error("--db and --out are needed (or --compare DIR_A DIR_B)")
    at = datetime.fromisoformat(args.at) if args.at else None
    if at and at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    snapshot(Path(args.db).resolve(), args.media and Path(args.media).resolve(), args.out, at)
    return 0


if __name__ == "__main__":
    sys.exit(main())
