"""A database made by the code before the apps were split still migrates and loses nothing.

The fixture (tests/fixtures/pre_split/, README there) holds the demo content and an imported
WordPress export, made by the pre-split code. Migrating a copy must keep every table and
every row (the moved models keep their tables through db_table), every old WordPress address
must answer as it did before, every static page must open, and the editor must still open
the changelists of pages and imports with the permissions their group had.
"""

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "pre_split"


# New models since the split add their own content types and permissions (and the groups
# that may use them get them: notifications' desks for Editors); those rows may only grow,
# and every row there before must still be there, the same (tested below).
GROWING = {"django_migrations", "django_content_type", "auth_permission", "auth_group_permissions"}
MOVED = {
    "page": "pages",
    "historicalpage": "pages",
    "wordpressitem": "wordpress",
    "oldaddress": "wordpress",
    "wordpressimport": "wordpress",
    "imagelackingalttext": "wordpress",
}


def rows(path, query):
    with sqlite3.connect(path) as connection:
        return {row[0]: row[1:] for row in connection.execute(query)}


def content_types(path):
    return rows(path, "SELECT id, app_label, model FROM django_content_type")


def permissions(path):
    return rows(path, "SELECT id, content_type_id, codename FROM auth_permission")


def row_counts(path):
    with sqlite3.connect(path) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
            for name in tables
        }


def run(args, var_dir):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.refactor.snapshot_settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_VAR_DIR": str(var_dir),
        "SQLITE_PATH": str(var_dir / "db.sqlite3"),
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOWED_HOSTS"):
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("pre_split")
    database = var_dir / "db.sqlite3"
    with gzip.open(FIXTURE / "newsroom.sqlite3.gz") as packed, open(database, "wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    before = row_counts(database), content_types(database), permissions(database)
    run(["manage.py", "migrate", "--noinput"], var_dir)
    after = row_counts(database), content_types(database), permissions(database)
    checks = json.loads(run(["-m", "tests.refactor.app_checks"], var_dir))
    return before, after, checks


def test_migrating_keeps_every_table_and_every_row(migrated):
    (before, _, _), (after, _, _), _ = migrated
    lost = {
        table: (count, after.get(table))
        for table, count in before.items()
        if table not in GROWING and after.get(table) != count
    }
    assert lost == {}
    assert all(after[table] >= before[table] for table in GROWING)


def test_moved_models_keep_their_content_types_and_permissions(migrated):
    (_, types_before, permissions_before), (_, types_after, permissions_after), _ = migrated
    expected = {
        pk: (MOVED.get(model, label) if label == "articles" else label, model)
        for pk, (label, model) in types_before.items()
    }
    assert {pk: types_after.get(pk) for pk in types_before} == expected
    # Renamed, not made again: each moved model has one content type, the old one.
    assert sorted(model for label, model in types_after.values() if model in MOVED) == sorted(MOVED)
    assert {pk: permissions_after.get(pk) for pk in permissions_before} == permissions_before


def test_every_old_wordpress_address_answers_as_before(migrated):
    expected = json.loads((FIXTURE / "expected.json").read_text())["old_addresses"]
    assert migrated[2]["old_addresses"] == expected
    assert sum(status == 301 for status, _ in expected.values()) == 36


def test_every_static_page_opens(migrated):
    pages = migrated[2]["pages"]
    assert pages and set(pages.values()) == {200}
    assert set(pages) == set(json.loads((FIXTURE / "expected.json").read_text())["pages"])


def test_the_editor_still_opens_pages_and_wordpress_imports_in_the_admin(migrated):
    changelists = migrated[2]["changelists"]
    for table in ("articles_page", "articles_wordpressimport"):
        assert changelists[table] == {"status": 200, "may_view": True, "may_change": True}
