"""Moving a site's local media folder into its bucket (`manage.py move_media_to_bucket`).

Idempotent and resumable: one listing of the bucket says what is there already, and a file
whose object exists with the same size is skipped, so a run cut short is simply run again.
Only pictures are copied (the web server served nothing else); the rest is listed. Nothing
local is deleted: the folder stays until the operator has checked the site.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management.base import CommandError

from shared.object_storage import media_in_bucket
from shared.storage import picture_type


@dataclass
class MoveReport:
    copied: list = field(default_factory=list)
    already_there: list = field(default_factory=list)
    failed: list = field(default_factory=list)  # (name, reason)
    not_pictures: list = field(default_factory=list)
    bytes_copied: int = 0


def local_media(root):
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def move_media_to_bucket(*, dry_run=False, progress=None):
    if not media_in_bucket():
        raise CommandError(
            "Uploads are not in a bucket: set DJANGO_MEDIA_STORAGE=s3 and the DJANGO_S3_* "
            "variables (docs/operations.md, 'Many boxes') first."
        )
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        raise CommandError(f"There is no media folder at {root}.")
    in_bucket = default_storage.sizes()
    report = MoveReport()
    for path in local_media(root):
        name = path.relative_to(root).as_posix()
        if not picture_type(name):  # the web server never served them either
            report.not_pictures.append(name)
            continue
        size = path.stat().st_size
        if in_bucket.get(name) == size:
            report.already_there.append(name)
            continue
        if not dry_run:
            try:
                with open(path, "rb") as handle:
                    default_storage.put(name, File(handle, name=name))
            except Exception as error:  # one bad file must not stop the move; it is reported
                report.failed.append((name, f"{type(error).__name__}: {error}"))
                continue
        report.copied.append(name)
        report.bytes_copied += size
        if progress:
            progress(name)
    return report
