from django.core.management.base import BaseCommand, CommandError

from newsroom.media_move import move_media_to_bucket


class Command(BaseCommand):
    help = (
        "Copy the local media folder into the bucket (DJANGO_MEDIA_STORAGE=s3): files already "
        "there with the same size are skipped, so it can be run again until it reports none left."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List, copy nothing.")

    def handle(self, *args, dry_run=False, verbosity=1, **options):
        progress = self.stdout.write if verbosity > 1 else None
        report = move_media_to_bucket(dry_run=dry_run, progress=progress)
        verb = "Would copy" if dry_run else "Copied"
        self.stdout.write(
            f"{verb} {len(report.copied)} files ({report.bytes_copied / 1_048_576:.1f} MB); "
            f"{len(report.already_there)} already in the bucket; {len(report.failed)} failed."
        )
        if report.not_pictures:
            self.stdout.write(
                f"Left out {len(report.not_pictures)} files that are not pictures: "
                + ", ".join(report.not_pictures)
            )
        for name, reason in report.failed:
            self.stderr.write(f"Not copied: {name}: {reason}")
        if report.failed:
            raise CommandError("Some files were not copied: run the command again to retry them.")
