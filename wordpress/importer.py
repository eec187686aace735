"""`wordpress_import`: one WXR export into articles, pages, images, comments and old
addresses, keyed on the export's site URL and each item's WordPress id so a second run
updates what the first made and an interrupted run can simply be started again.

The file is read twice, streamed both times: first the authors, terms, attachments and an
index of every post and page (so links between posts can be rewritten on the first
pass through their text), then the posts, in batches of BATCH with bulk inserts.
"""

import os
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from shared.cache import content_changed

from .catalogue import Catalogue, ImportOptionsError
from .models import WordPressImport
from .parse import WXRError, read_wxr
from .posts import PostWriter
from .report import ImportReport

__all__ = ["ImportOptionsError", "WXRError", "wordpress_import"]


@dataclass
class Options:
    media_dir: str | None = None
    download: bool = False
    category_map: dict = field(default_factory=dict)
    default_category: str | None = None
    categories_in_bar: bool = False  # an import changes the public navigation only if asked
    dry_run: bool = False
    user: object = None
    progress: object = None  # callable(stage, bytes read, file size)


def wordpress_import(*, path, file_name="", **options):
    """Import the export at `path`; returns the report (a dict). Unless it is a dry run,
    the report is also kept on a WordPressImport row for the admin."""
    options = Options(**options)
    report = ImportReport(dry_run=options.dry_run)
    if options.dry_run:
        with transaction.atomic():
            run(path, options, report)
            transaction.set_rollback(True)  # a dry run writes nothing
        return report.as_dict()
    started = timezone.now()
    run(path, options, report)
    record = WordPressImport.objects.create(
        file_name=file_name or str(path),
        site_url=report.site_url,
        report=report.as_dict(),
        started_by=options.user,
        finished_at=timezone.now(),
    )
    WordPressImport.objects.filter(pk=record.pk).update(started_at=started)
    # Thousands of rows changed at once: everything public may be stale.
    transaction.on_commit(content_changed)
    return record.report


def run(path, options, report):
    catalogue = Catalogue(options, report)
    with open(path, "rb") as handle:
        catalogue.first_pass(with_progress(read_wxr(handle), handle, "reading", options))
    writer = PostWriter(catalogue, options, report)
    with open(path, "rb") as handle:
        for kind, item in with_progress(read_wxr(handle), handle, "importing", options):
            if kind != "item":
                continue
            if item.post_type == "post":
                writer.add(item)
            elif item.post_type not in ("page", "attachment"):
                report.skip(
                    item.post_type,
                    item.wp_id,
                    item.title,
                    "this kind of WordPress item is not imported",
                )
    writer.flush()
    catalogue.write_pages(writer)
    catalogue.write_term_addresses()
    report.notes.append(
        "Imported pages are not in the footer menu: choose its pages in the admin (Pages)."
    )


def with_progress(events, handle, stage, options):
    """Pass the events on, telling options.progress how far through the file they are."""
    size = os.fstat(handle.fileno()).st_size
    for number, event in enumerate(events, start=1):
        if options.progress and number % 50 == 0:
            options.progress(stage, handle.tell(), size)
        yield event
    if options.progress:
        options.progress(stage, size, size)
