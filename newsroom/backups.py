"""One-file backups: a consistent database snapshot, the media (folder or bucket) and a manifest.

SQLite is copied with its online backup API (a consistent snapshot while the site keeps
writing); PostgreSQL with `pg_dump --format=custom`. Restore refuses an archive from the
other kind of database or from a newer format, and replaces the database in one step:
SQLite through the backup API again (safe with WAL and with open connections), PostgreSQL
with `pg_restore --clean --if-exists --single-transaction`.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection, connections
from django.utils import timezone

from shared.object_storage import media_in_bucket

FORMAT = 1
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def vendor():
    if connection.vendor not in DATABASE_FILES:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def postgres_tool(name):
    """The newest installed pg_dump/pg_restore: it must be at least the server's version."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(Path(out.stdout.strip()) / name)
    candidates += [d / name for d in sorted(Path("/usr/lib/postgresql").glob("*/bin"))[::-1]]
    if shutil.which(name):
        candidates.append(Path(shutil.which(name)))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise CommandError(f"{name} not found: install the PostgreSQL client (postgresql-client).")


def postgres_env():
    """Connection details for libpq tools in the environment, never on the command line."""
    db = connection.settings_dict
    env = dict(os.environ)
    for variable, value in {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
    }.items():
        if value:
            env[variable] = str(value)
    return env


def run_tool(args):
    result = subprocess.run(args, env=postgres_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(f"{Path(args[0]).name} failed: {result.stderr.strip()}")


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def snapshot_database(target):
    if vendor() == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        run_tool(
            [
                postgres_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
            ]
        )


def media_files(root=None):
    root = Path(root or settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def create_backup(output):
    """Write the archive to `output` (atomically: a partial file never has the final name)."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    kind = vendor()
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        database = Path(work) / DATABASE_FILES[kind]
        snapshot_database(database)
        # Taken after the database: every picture a row names is in the bucket by then.
        root, files = media_copy(Path(work) / "media")
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"vendor": kind, "file": database.name, "sha256": sha256(database)},
            "media": {"files": len(files), "bytes": sum(p.stat().st_size for p in files)},
            "django": django.get_version(),
        }
        (Path(work) / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial = Path(work) / "archive.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / "manifest.json", arcname="manifest.json")
            archive.add(database, arcname=database.name)
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(root).as_posix()}")
        os.replace(partial, output)
    return manifest


def media_copy(into):
    """(root, files) of the media to archive: MEDIA_ROOT itself, or the bucket's objects
    downloaded into `into` (the archive is the same either way)."""
    if not media_in_bucket():
        return Path(settings.MEDIA_ROOT), media_files()
    for name, _size in default_storage.objects():
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            shutil.copyfileobj(source, copy, 1 << 20)
    return into, media_files(into)


def read_archive(archive_path, into):
    try:
        with tarfile.open(archive_path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, "..", links out of the folder, devices.
            archive.extractall(into, filter="data")
        manifest = json.loads((Path(into) / "manifest.json").read_text())
    except (OSError, tarfile.TarError, ValueError, KeyError) as error:
        raise CommandError(f"{archive_path} is not a Newsroom backup: {error}") from error
    if manifest.get("format", 0) > FORMAT:
        raise CommandError("This backup was made by a newer Newsroom; upgrade before restoring.")
    database = Path(into) / manifest["database"]["file"]
    if not database.is_file() or sha256(database) != manifest["database"]["sha256"]:
        raise CommandError("The database snapshot in this backup is missing or damaged.")
    if manifest["database"]["vendor"] != vendor():
        raise CommandError(
            f"This is a {manifest['database']['vendor']} backup; the site uses {vendor()}."
        )
    return manifest, database


def restore_database(snapshot):
    connections.close_all()
    if vendor() == "sqlite":
        source = sqlite3.connect(snapshot)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise CommandError("The SQLite snapshot in this backup fails its integrity check.")
            live = sqlite3.connect(connection.settings_dict["NAME"], timeout=30)
            try:
                source.backup(live)
            finally:
                live.close()
        finally:
            source.close()
    else:
        run_tool(
            [
                postgres_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={connection.settings_dict['NAME']}",
                str(snapshot),
            ]
        )


def restore_bucket(extracted):
    """Upload every restored file under its own name, then delete the objects the backup did
    not have: pictures the restored rows name are all there before anything goes."""
    kept = set()
    for path in media_files(extracted) if extracted.is_dir() else []:
        name = path.relative_to(extracted).as_posix()
        with open(path, "rb") as handle:
            default_storage.put(name, File(handle, name=name))
        kept.add(name)
    for name, _size in list(default_storage.objects()):
        if name not in kept:
            default_storage.delete(name)


def restore_media(extracted):
    """Swap the restored folder in whole, so readers see the old media or the new, never half."""
    if media_in_bucket():
        return restore_bucket(extracted)
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    incoming = Path(tempfile.mkdtemp(dir=root.parent, prefix=".media-restore-"))
    if extracted.is_dir():
        shutil.copytree(extracted, incoming, dirs_exist_ok=True)
    incoming.chmod(0o755)
    old = root.with_name(f".{root.name}-before-restore")
    shutil.rmtree(old, ignore_errors=True)
    try:
        if root.exists():
            os.replace(root, old)
        os.replace(incoming, root)
    except OSError:
        # MEDIA_ROOT is a mount point (a volume) and cannot be renamed: replace its contents.
        for child in root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(incoming, root, dirs_exist_ok=True)
        shutil.rmtree(incoming, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)


def restore_backup(archive_path):
    root = Path(settings.MEDIA_ROOT)
    root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root.parent, prefix=".restore-") as work:
        manifest, snapshot = read_archive(archive_path, work)
        restore_database(snapshot)
        restore_media(Path(work) / "media")
    from shared.cache import content_changed

    content_changed()
    return manifest
