from django.core.management.base import BaseCommand, CommandError

from newsroom.backups import restore_backup


class Command(BaseCommand):
    help = "Replace the database and the media folder with those of a `backup` archive."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A .tar.gz written by `manage.py backup`.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, archive, interactive=True, **options):
        if interactive:
            answer = input(
                "This replaces every article, comment, account and upload with the backup's. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing was changed.")
        manifest = restore_backup(archive)
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} "
            f"({manifest['media']['files']} media files). Run `manage.py migrate` if this "
            "release is newer than the backup."
        )
