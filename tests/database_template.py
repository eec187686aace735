"""SQLite test databases copied from one migrated by the same migrations, instead of migrated
again.

Building a test database runs every migration (about 125, with their data migrations): 11-13 s
of CPU, paid by each pytest process of `make test` on SQLite (the SQLite leg, each browser
worker, Lighthouse's run). The first process keeps the database its migrations made, named by
a digest of every installed app's migration files and Django's version; the next copies it
with SQLite's backup API (milliseconds) instead. A change to any migration, or another
Django, names another file, so a copy is always what the migrations of this tree make.
PostgreSQL's test database is built once a leg, so it is migrated as before; a copy of it is
kept on the same server as a template database, and the sites the tests start there in
processes of their own (migrate_site) are made from it instead of migrated (CREATE DATABASE
... TEMPLATE: a second against 10-12 s of CPU).
"""

import contextlib
import functools
import hashlib
import os
import sqlite3
from pathlib import Path

import django
from django.apps import apps
from django.core import management
from django.db import connections

KEPT = Path(__file__).resolve().parents[1] / "var" / "test-databases"


@functools.cache  # the tree does not change during a run
def migrations_digest():
    digest = hashlib.sha256(django.__version__.encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        digest.update(config.label.encode())  # an app without migrations is synced: count it
        for path in sorted(Path(config.path).glob("migrations/*.py")):
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def created_from_kept_copies(create_test_db):
    """Django's `create_test_db`, whose `migrate` of a SQLite database copies the kept one.
    Only there: a test that runs `migrate` itself migrates."""

    def create(creation, *args, **kwargs):
        real = management.call_command
        management.call_command = migrating_from_kept_copies(real)
        try:
            name = create_test_db(creation, *args, **kwargs)
        finally:
            management.call_command = real
        if creation.connection.vendor == "postgresql":
            keep_postgres_template(creation.connection, name)
        return name

    return create


def postgres_template_name():
    return f"newsroom_migrated_{migrations_digest()}"


KEPT_ON_POSTGRES = []  # the template databases this process made, dropped at its end


def keep_postgres_template(connection, name):
    """The just-migrated test database, copied as a template for the sites' databases on this
    server (no one may be connected to the source of a copy, so the connection closes)."""
    template = postgres_template_name()
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone():
            return
        cursor.execute(f'CREATE DATABASE "{template}" TEMPLATE "{name}"')
    KEPT_ON_POSTGRES.append((connection, template))


def drop_postgres_templates():
    while KEPT_ON_POSTGRES:
        connection, template = KEPT_ON_POSTGRES.pop()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')


def copied_from_postgres_template(connection):
    """Replace this empty PostgreSQL database by a copy of the template the suite's migrated
    test database left on this server; False (nothing done) when there is none."""
    name, template = connection.settings_dict["NAME"], postgres_template_name()
    connection.close()
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if not cursor.fetchone():
            return False
        cursor.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return True


def migrating_from_kept_copies(call_command):
    def call(name, *args, **options):
        connection = connections[options.get("database", "default")]
        if name != "migrate" or connection.vendor != "sqlite":
            return call_command(name, *args, **options)
        kept = KEPT / f"{migrations_digest()}.sqlite3"
        connection.ensure_connection()
        if kept.exists():
            with contextlib.closing(sqlite3.connect(kept)) as source:
                source.backup(connection.connection)
            return None
        result = call_command(name, *args, **options)
        KEPT.mkdir(parents=True, exist_ok=True)
        partial = kept.with_name(f"{kept.name}.{os.getpid()}.partial")
        with contextlib.closing(sqlite3.connect(partial)) as target:
            connection.connection.backup(target)
        partial.replace(kept)  # whole or not at all, if two processes build it at once
        return result

    return call


def kept_copy(connection):
    """The kept copy made by this tree's migrations, or None (not SQLite, or not made yet)."""
    if connection.vendor != "sqlite":
        return None
    kept = KEPT / f"{migrations_digest()}.sqlite3"
    return kept if kept.exists() else None


def restore_kept_copy(connection, kept):
    """Bring the database back to the rows its migrations made, as a flush and the reload of
    those rows do (TransactionTestCase's serialized rollback), in milliseconds instead of a
    third of a second. Ids keep counting from where they were, as after a flush, so no id of
    an earlier test's row is given again (an id kept in a process memo stays that row's)."""
    connection.ensure_connection()
    raw = connection.connection
    counted = raw.execute("SELECT name, seq FROM sqlite_sequence").fetchall()
    with contextlib.closing(sqlite3.connect(kept)) as source:
        source.backup(raw)
    for table, seq in counted:
        updated = raw.execute(
            "UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (seq, table)
        ).rowcount
        if not updated:
            raw.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, seq))
    raw.commit()


def migrate_site():
    """`migrate` for a site a test starts in processes of its own (servers, job workers): on
    an empty SQLite file with a kept copy of this tree's migrated database, that copy is
    written into it (what `migrate` would make, without its 12 s of CPU); on an empty
    PostgreSQL database, a copy of the template the suite's test database left on the same
    server; otherwise `migrate` itself. `make run`'s own migrate is tested as it is
    (tests/newsroom/test_site_as_served.py)."""
    from django.core.management import call_command
    from django.db import connection

    empty = not connection.introspection.table_names()
    if empty and connection.vendor == "postgresql" and copied_from_postgres_template(connection):
        return
    kept = kept_copy(connection)
    if kept is None or connection.introspection.table_names():
        call_command("migrate", interactive=False, verbosity=0)
        return
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(kept)) as source:
        source.backup(connection.connection)


def keep_a_copy_now():
    """Make this tree's kept copy, if there is none yet, as the first test process would:
    `make test` runs this beside lint (where a core is free), so neither leg pays for it.
    The environment is the tests' own (pytest-env's defaults in pyproject.toml)."""
    import tomllib

    import django

    config = tomllib.loads((KEPT.parents[1] / "pyproject.toml").read_text())
    pytest_options = config["tool"]["pytest"]["ini_options"]
    for line in pytest_options.get("env", []):
        name, _, value = line.removeprefix("D:").partition("=")
        if line.startswith("D:"):
            os.environ.setdefault(name, value)
        else:
            os.environ[name] = value
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", pytest_options["DJANGO_SETTINGS_MODULE"])
    django.setup()
    from django.db import connection

    if connection.vendor != "sqlite" or kept_copy(connection):
        return
    creation = connection.creation
    old_name = connection.settings_dict["NAME"]
    create = created_from_kept_copies(type(creation).create_test_db)
    create(creation, verbosity=0, autoclobber=True, serialize=False)
    creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    keep_a_copy_now()
