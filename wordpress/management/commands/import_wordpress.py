"""manage.py import_wordpress export.xml [--media-dir wp-content/uploads] [--dry-run]"""

import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import ImportOptionsError, WXRError, wordpress_import
from wordpress.report import report_lines


def read_category_map(path):
    """A CSV of WordPress category slug → Newsroom category slug; a header row is allowed."""
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            rows = [row for row in csv.reader(handle) if row and not row[0].startswith("#")]
    except OSError as error:
        raise CommandError(f"Cannot read the category map: {error}") from error
    if rows and [cell.strip().lower() for cell in rows[0][:2]] == ["wordpress", "newsroom"]:
        rows = rows[1:]
    mapping = {}
    for number, row in enumerate(rows, start=1):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise CommandError(f"Category map row {number} needs two slugs: {','.join(row)}")
        mapping[row[0].strip()] = row[1].strip()
    return mapping


class Command(BaseCommand):
    help = "Import a WordPress export (WXR): posts, pages, images, comments and old links."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export from WordPress's Tools → Export.")
        parser.add_argument("--media-dir", help="A copy of the site's wp-content/uploads.")
        parser.add_argument(
            "--download",
            action="store_true",
            help="Fetch images not in --media-dir from the old site (60 s and 20 MB limit; "
            "never from internal addresses).",
        )
        parser.add_argument(
            "--category-map", help="CSV: WordPress category slug, Newsroom category slug."
        )
        parser.add_argument(
            "--default-category", help="Newsroom category for WordPress categories not mapped."
        )
        parser.add_argument(
            "--categories-in-bar",
            action="store_true",
            help="Show the categories the import creates in the public category bar "
            "(by default they are left out of it).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Write nothing; report only.")

    def handle(self, *args, **options):
        category_map = read_category_map(options["category_map"]) if options["category_map"] else {}
        try:
            report = wordpress_import(
                path=options["file"],
                media_dir=options["media_dir"],
                download=options["download"],
                category_map=category_map,
                default_category=options["default_category"],
                categories_in_bar=options["categories_in_bar"],
                dry_run=options["dry_run"],
                progress=self.progress if sys.stderr.isatty() else None,
            )
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {options['file']}") from error
        except (WXRError, ImportOptionsError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write("\n".join(report_lines(report)))

    def progress(self, stage, done, total):
        width = 30
        filled = width * done // max(total, 1)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r{stage:>9} [{bar}] {100 * done // max(total, 1):3d}%")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()
