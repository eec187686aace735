from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsroom.backups import create_backup


class Command(BaseCommand):
    help = "Write the database (a consistent snapshot) and the media folder to one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Archive path; default var/backups/newsroom-<UTC time>.tar.gz.",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
            output = Path(settings.VAR_DIR) / "backups" / f"newsroom-{stamp}.tar.gz"
        manifest = create_backup(output)
        media = manifest["media"]
        self.stdout.write(
            f"Backed up the {manifest['database']['vendor']} database and "
            f"{media['files']} media files to {output}"
        )
