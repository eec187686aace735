"""manage.py clean_stored_images: strip what older uploads still carry.

Pictures stored before uploads lost every metadata segment (a JPEG or GIF comment such as
"Shot by source: Jane Doe, +44…") keep it, in the file and in its renditions. This
re-encodes each such library image and profile photo through shared/uploads.py, under a
new name (a stored name's content never changes: the media server caches it as
immutable), and deletes the old file. Pictures already clean are left alone, so it is safe
to run again.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand

from accounts.models import User
from articles.models import Image
from articles.services import image_replace_file
from shared.cache import content_changed
from shared.uploads import clean_image_upload, has_hidden_metadata


def cleaned_copy(file):
    file.open("rb")
    try:
        upload = SimpleUploadedFile(PurePosixPath(file.name).name, file.read())
    finally:
        file.close()
    return clean_image_upload(upload)


class Command(BaseCommand):
    help = "Re-encode stored pictures that still carry comments or other metadata."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only list them.")

    def handle(self, *args, dry_run=False, **options):
        cleaned = 0
        for image in Image.objects.exclude(file="").iterator():
            if self.needs_cleaning(image.file, f"image {image.pk}"):
                cleaned += 1
                if not dry_run:
                    image_replace_file(image=image, upload=cleaned_copy(image.file))
        for user in User.objects.exclude(avatar="").iterator():
            if self.needs_cleaning(user.avatar, f"photo of {user.username}"):
                cleaned += 1
                if dry_run:
                    continue
                old_name = user.avatar.name
                copy = cleaned_copy(user.avatar)
                user.avatar.save(copy.name, copy)  # saves the user: renditions cut again
                default_storage.delete(old_name)
                content_changed()
        verb = "would clean" if dry_run else "cleaned"
        self.stdout.write(f"{verb} {cleaned} picture{'s' if cleaned != 1 else ''}.")

    def needs_cleaning(self, file, label):
        try:
            found = has_hidden_metadata(file)
        except OSError as error:
            self.stderr.write(f"{label}: cannot read {file.name} ({error}); left as it is.")
            return False
        if found:
            self.stdout.write(f"{label}: {file.name} carries metadata")
        return found
