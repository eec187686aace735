"""Two real gunicorn servers share one cache: a change through one is seen on the other.
With PostgreSQL and Redis they share a picture library in a bucket too (SeaweedFS): a picture
uploaded through one, cut by a job worker in a third process, is shown by the other.

Each test builds its own site (a temporary DJANGO_VAR_DIR, its own database) and ignores
the suite's test database, so each runs once: the SQLite one in the SQLite leg of `make test`,
the PostgreSQL one in the PostgreSQL leg (tests/legs.py).
"""

import re
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests import people
from tests.newsroom.servers import (
    BASE_DIR,
    PASSWORD,
    FormReader,
    collect_static,
    gunicorn,
    manage,
    redis_server,
    seed,
    site_env,
)
from tests.pgserver import throwaway_server
from tests.seaweed import seaweed_server, signing_on_the_servers_clock

pytestmark = [
    pytest.mark.multiserver,
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return collect_static(tmp_path_factory.mktemp("static"))


def rename_category_through_the_admin(server, category_pk, name):
    status, _, _ = server.submit("/admin/login/?next=/admin/", username="editor", password=PASSWORD)
    assert status == 200, f"admin login answered {status}"
    status, _, html = server.submit(f"/admin/articles/category/{category_pk}/change/", name=name)
    assert status == 200 and "was changed successfully" in html, html[:2000]


def approve_a_comment_in_another_process(env, article_id):
    manage(
        env,
        "shell",
        "-c",
        "from comments.models import Comment; from comments.services import comment_moderate; "
        "from accounts.models import User; "
        f"held = Comment.objects.create(article_id={article_id}, status='pending', "
        "body='The ferry crews welcome it.', author=User.objects.get(username='editor')); "
        "held.root = held; held.save(update_fields=['root']); "
        "comment_moderate(comments=[held], status='approved')",
    )


def log_in(server, username):
    status, _, _ = server.submit("/admin/login/?next=/admin/", username=username, password=PASSWORD)
    assert status == 200, f"admin login answered {status}"


def assert_presence_on_one_server_is_seen_on_the_other(first, second, article_id):
    """A heartbeat through one server, the lock and the list through the other: both read the
    one database (presence/models.py says why not the cache)."""
    log_in(first, "editor")
    status, _, html = first.get(f"/admin/articles/article/{article_id}/change/")
    assert status == 200
    form = FormReader()
    form.feed(html)
    token = form.fields["csrfmiddlewaretoken"]
    beat = first.request(
        f"/admin/presence/{article_id}/heartbeat/",
        {"csrfmiddlewaretoken": token, "mode": "editing"},
    )
    assert beat[0] == 200 and '"holding": true' in beat[2], beat[2][:500]
    log_in(second, "deputy")
    assert "editor is editing" in second.get("/admin/presence/articles/")[2]
    html = second.get(f"/admin/articles/article/{article_id}/change/")[2]
    assert "editor is editing this" in html


def assert_a_banner_set_through_one_server_is_on_the_others_home_page(first, second):
    """An Editor's front change (the banner, filled into every page from the shared state)."""
    assert "Harbour bridge closed" not in second.get("/")[2]
    log_in(first, "editor")
    form = FormReader()
    form.feed(first.get("/admin/fronts/banner/")[2])
    fields = form.fields | {"text": ["Harbour bridge closed"], "link": ["/"], "expires_in": [""]}
    status, _, html = first.request("/admin/fronts/banner/set/", fields)
    assert status == 200 and "The banner is up on every page." in html, html[:2000]
    assert "Harbour bridge closed" in second.get("/")[2]


def assert_a_change_through_one_server_is_seen_on_the_other(env, picture_library=False):
    with gunicorn(env) as first, gunicorn(env) as second:
        site = seed(env)  # while the servers load Django
        first.wait_until_ready()
        second.wait_until_ready()
        status, headers, _ = first.get(site["article"])
        assert (status, headers["X-Cache"]) == (200, "miss")
        status, headers, _ = second.get(site["article"])
        assert (status, headers["X-Cache"]) == (200, "hit"), "the servers share one cache"

        for path in (site["other"], "/"):
            first.get(path)
            assert second.get(path)[1]["X-Cache"] == "hit", path

        approve_a_comment_in_another_process(env, site["article_id"])

        status, headers, html = second.get(site["article"])
        assert "The ferry crews welcome it." in html
        assert headers["X-Cache"] == "miss"
        assert first.get(site["other"])[1]["X-Cache"] == "hit", "another article stays cached"
        assert first.get("/")[1]["X-Cache"] == "hit", "the home page stays cached"

        rename_category_through_the_admin(first, site["category"], "Harbour Desk")

        status, headers, html = second.get(site["article"])
        assert status == 200
        assert "Harbour Desk" in html
        assert headers["X-Cache"] == "miss"
        assert "Harbour Desk" in first.get(site["article"])[2]

        assert_presence_on_one_server_is_seen_on_the_other(first, second, site["article_id"])
        if picture_library:  # the PostgreSQL and Redis run
            assert_a_banner_set_through_one_server_is_on_the_others_home_page(first, second)
            assert_a_picture_uploaded_through_one_server_is_shown_by_the_other(
                env, first, second, site
            )


SHOW_PICTURE = """
import time
from articles.models import Article, Image
image = Image.objects.get(alt_text="Cranes at the quay")
deadline = time.monotonic() + 60
while not image.renditions and time.monotonic() < deadline:  # the worker's job
    time.sleep(0.2)
    image.refresh_from_db()
assert image.renditions, "no renditions after 60 s"
article = Article.objects.get(pk={article_id})
article.featured_image = image
article.save()
"""


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # anonymous, like a reader
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def assert_a_picture_uploaded_through_one_server_is_shown_by_the_other(env, first, second, site):
    log_in(first, "editor")
    form = FormReader()
    form.feed(first.get(f"/admin/articles/article/{site['article_id']}/change/")[2])
    token = form.fields["csrfmiddlewaretoken"][0]
    picture = people.picture_bytes((800, 560), "JPEG")
    status, _, body = first.post_file(
        "/admin/articles/article/image-upload/",
        {"csrfmiddlewaretoken": token, "alt_text": "Cranes at the quay"},
        "file",
        "cranes.jpg",
        picture,
        "image/jpeg",
    )
    assert status == 201, body[:500]
    command = [sys.executable, "manage.py", "jobs_worker", "--interval", "0.1"]
    worker = subprocess.Popen(
        [*command, "--no-startup-delay"], cwd=BASE_DIR, env=env, stderr=subprocess.DEVNULL
    )
    try:
        manage(env, "shell", "--command", SHOW_PICTURE.format(article_id=site["article_id"]))
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    status, _, html = second.get(site["article"])
    addresses = re.findall(r'<img[^>]+src="([^"]+)"', html)
    for srcset in re.findall(r'srcset="([^"]+)"', html):
        addresses += [candidate.strip().split(" ")[0] for candidate in srcset.split(",")]
    bucket = env["DJANGO_S3_ENDPOINT_URL"] + "/" + env["DJANGO_S3_BUCKET"] + "/"
    assert status == 200 and len(addresses) >= 5, html[:2000]
    assert all(url.startswith(bucket + "renditions/") for url in addresses), addresses
    assert {url: answers(url) for url in addresses} == dict.fromkeys(addresses, 200)


def test_two_servers_sharing_a_sqlite_file_and_the_file_cache_agree(tmp_path, static_root):
    assert_a_change_through_one_server_is_seen_on_the_other(site_env(tmp_path, static_root))


@pytest.mark.own_servers
@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_two_servers_sharing_postgresql_and_redis_agree(tmp_path, static_root):
    with throwaway_server() as database_url, redis_server() as redis_url, seaweed_server() as s3:
        with signing_on_the_servers_clock(s3):
            bucket = s3.create_bucket()
        env = site_env(
            tmp_path,
            static_root,
            DATABASE_URL=database_url,
            REDIS_URL=redis_url,
            DJANGO_CACHE_PREFIX="mst",
            **s3.env(bucket),
        )
        # The servers sign their requests to the bucket with their own clock, which must be
        # the bucket's (a static Go binary never sees libfaketime): the real one, as Redis's.
        env = {k: v for k, v in env.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}
        assert_a_change_through_one_server_is_seen_on_the_other(env, picture_library=True)
