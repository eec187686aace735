import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def start_django(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_SETTINGS_MODULE="newsroom.settings")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


GOOD_KEY = "k" * 60


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DJANGO_ALLOWED_HOSTS": "news.example"}, "DJANGO_SECRET_KEY"),
        ({"DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "x"}, "DJANGO_SECRET_KEY"),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + GOOD_KEY, "DJANGO_ALLOWED_HOSTS": "x"},
            "DJANGO_SECRET_KEY",
        ),
        ({"DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_ALLOWED_HOSTS"),
        (
            {
                "DJANGO_SECRET_KEY": GOOD_KEY,
                "DJANGO_ALLOWED_HOSTS": "x",
                "DJANGO_MEDIA_STORAGE": "s3",
            },
            "DJANGO_S3_BUCKET",
        ),
    ],
)
def test_production_refuses_to_start_without_a_real_secret_and_hosts(env, variable, tmp_path):
    result = start_django(DJANGO_VAR_DIR=str(tmp_path), **env)
    assert result.returncode != 0
    assert variable in result.stderr.strip().splitlines()[-1]


def test_production_starts_with_a_real_secret_and_hosts(tmp_path):
    result = start_django(
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="news.example",
        DJANGO_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr


def test_local_use_generates_a_secret_once_and_keeps_it(tmp_path):
    for _ in range(2):
        assert start_django(DJANGO_DEBUG="1", DJANGO_VAR_DIR=str(tmp_path)).returncode == 0
    key = (tmp_path / "secret_key").read_text()
    assert len(key) >= 50
    start_django(DJANGO_DEBUG="1", DJANGO_VAR_DIR=str(tmp_path))
    assert (tmp_path / "secret_key").read_text() == key


def test_a_bare_manage_py_runs_locally_in_debug_while_wsgi_still_refuses(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean["DJANGO_VAR_DIR"] = str(tmp_path)
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert check.returncode == 0, check.stderr
    serve = subprocess.run(
        [sys.executable, "-c", "import newsroom.wsgi"],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert serve.returncode != 0
    assert "DJANGO_SECRET_KEY" in serve.stderr.strip().splitlines()[-1]


MEDIA_IN_A_BUCKET = """
import django; django.setup()
from django.conf import settings
from django.test import RequestFactory
from django.urls import resolve
address = "/media/images/2026/01/harbour.jpg"
match = resolve(address)  # the root URLconf, built from these settings
old = match.func(RequestFactory().get(address), *match.args, **match.kwargs)
print(settings.MEDIA_URL, settings.SERVE_MEDIA, old.status_code, old["Location"])
print(" ".join(settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"]))
"""


def test_media_in_a_bucket_is_served_from_its_public_address_and_old_addresses_move_there(
    tmp_path,
):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(
        DJANGO_DEBUG="1",
        DJANGO_VAR_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_MEDIA_STORAGE="s3",
        DJANGO_S3_BUCKET="newsroom-media",
        DJANGO_S3_ACCESS_KEY_ID="key",
        DJANGO_S3_SECRET_ACCESS_KEY="secret",
        DJANGO_S3_PUBLIC_URL="https://media.news.example",
        DJANGO_OLD_MEDIA_URL="/media/",
    )
    result = subprocess.run(
        [sys.executable, "-c", MEDIA_IN_A_BUCKET],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    served, allowed = result.stdout.strip().splitlines()[-2:]
    assert served.split() == [
        "https://media.news.example/",
        "False",  # Django no longer serves /media/ itself
        "301",
        "https://media.news.example/images/2026/01/harbour.jpg",
    ]
    assert "https://media.news.example" in allowed.split()
