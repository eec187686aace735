"""Back up, wipe, restore, compare: on a scratch SQLite file, and on a scratch PostgreSQL
database when the suite runs under `python -m tests.pgserver` (DATABASE_URL is set).

The commands run in subprocesses against their own database, because the one pytest-django
gives a test lives inside a transaction that a restore cannot replace.
"""

import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# One process runs the whole round trip (each start of Django costs seconds): make content,
# back up, wipe the database and the media, restore, and print both states for comparison.
# The scratch database starts as `migrate` makes it (on SQLite, the kept copy written into
# it: tests/database_template.py), the backup is what is tested.
ROUND_TRIP = """
import hashlib, io, json, sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from tests import factories

def state():
    rows = io.StringIO()
    call_command("dumpdata", "--exclude", "sessions", stdout=rows)
    media = Path(settings.MEDIA_ROOT)
    files = {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(media.rglob("*")) if p.is_file()}
    return {"rows": rows.getvalue(), "files": files}

from tests.database_template import migrate_site
migrate_site()
writer = factories.UserFactory(username="amara")
factories.ArticleFactory.create_batch(3, published=True, authors=[writer])
factories.ArticleFactory(headline="A draft with ünïcode — and quotes \\"'")
default_storage.save("images/2026/01/photo.png", ContentFile(b"\\x89PNG fake pixels"))
default_storage.save("avatars/2026/01/amara.jpg", ContentFile(b"\\xff\\xd8 fake jpeg"))
before = state()
call_command("backup", "--output", sys.argv[1], stdout=io.StringIO())
call_command("flush", "--no-input")
factories.UserFactory(username="created-after-the-backup")
default_storage.delete("images/2026/01/photo.png")
default_storage.save("written-after-backup.jpg", ContentFile(b"later"))
wiped = state()
call_command("restore", sys.argv[1], "--no-input", stdout=io.StringIO())
print(json.dumps({"before": before, "wiped": wiped, "after": state()}))
"""


def sqlite_env(tmp_path):
    """Environment for manage.py: its own SQLite file and media folder."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SQLITE_PATH"}}
    env.update(
        DJANGO_VAR_DIR=str(tmp_path / "var"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        SQLITE_PATH=str(tmp_path / "site.sqlite3"),
    )
    return env


@pytest.fixture
def sqlite_site(tmp_path):
    return sqlite_env(tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def site(request, tmp_path):
    env = sqlite_env(tmp_path)
    server = os.environ.get("DATABASE_URL", "")
    on_postgres_leg = server.startswith("postgres")
    if request.param == "sqlite":
        if on_postgres_leg:
            pytest.skip("SQLite leg: the same round trip on a SQLite file runs there")
        yield env
        return
    del env["SQLITE_PATH"]
    if not on_postgres_leg:
        pytest.skip("PostgreSQL leg: run under `python -m tests.pgserver` (DATABASE_URL unset)")
    import psycopg

    name = f"newsroom_backup_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = server.rsplit("/", 1)[0] + f"/{name}"
    env["DJANGO_CONN_MAX_AGE"] = "0"
    try:
        yield env
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_backup_then_wipe_then_restore_brings_back_every_row_and_file(site, tmp_path):
    archive = tmp_path / "backups" / "newsroom.tar.gz"
    result = subprocess.run(
        [sys.executable, "-c", ROUND_TRIP, str(archive)],
        cwd=ROOT,
        env=site,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    states = json.loads(result.stdout.strip().splitlines()[-1])
    before, wiped, after = states["before"], states["wiped"], states["after"]
    assert '"headline": "A draft with' in before["rows"]
    assert sorted(before["files"]) == ["avatars/2026/01/amara.jpg", "images/2026/01/photo.png"]
    assert wiped["rows"] != before["rows"] and wiped["files"] != before["files"]
    assert after["rows"] == before["rows"]
    assert after["files"] == before["files"]
    assert archive.is_file()


@pytest.mark.one_database
def test_the_backup_command_reports_what_it_wrote(sqlite_site, tmp_path):
    migrated = "from tests.database_template import migrate_site; migrate_site()"
    manage(sqlite_site, "shell", "--command", migrated)
    archive = tmp_path / "b.tar.gz"
    result = manage(sqlite_site, "backup", "--output", str(archive))
    assert f"Backed up the sqlite database and 0 media files to {archive}" in result.stdout
    with tarfile.open(archive) as contents:
        assert {"manifest.json", "database.sqlite3"} <= set(contents.getnames())


@pytest.mark.one_database
def test_restore_refuses_a_damaged_archive_and_changes_nothing(sqlite_site, tmp_path):
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(b"not an archive")
    result = manage(sqlite_site, "restore", str(broken), "--no-input", check=False)
    assert result.returncode != 0
    assert "is not a Newsroom backup" in result.stderr
    assert not Path(sqlite_site["SQLITE_PATH"]).exists()


@pytest.mark.one_database
def test_restore_asks_before_replacing_everything(sqlite_site, tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(tmp_path / "any.tar.gz")],
        cwd=ROOT,
        env=sqlite_site,
        input="no\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "nothing was changed" in result.stderr
    assert not Path(sqlite_site["SQLITE_PATH"]).exists()
