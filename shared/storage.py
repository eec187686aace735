"""Where uploads are stored: generated names, never the name the uploader chose.

A chosen name can say anything (`index.html`, `../x`, a reporter's name, a source's); a
generated one says nothing, cannot be guessed and cannot collide. Only the extension of a
known raster format survives, lower-cased; the content itself is checked by
shared/uploads.py. A generated name is never given to other content, so only such
names may be cached as immutable (`is_generated_name`).
"""

import posixpath
import re
import secrets
import uuid

from django.utils import timezone
from django.utils.deconstruct import deconstructible

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "avif"}
# The one type each picture is served with (local media view, bucket objects), by extension.
PICTURE_TYPES = {
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "png": "image/png",
    "gif": "image/gif",
    "webp": "image/webp",
    "avif": "image/avif",
}


def picture_type(name):
    """The picture type a stored name is served as, or None for anything else."""
    return PICTURE_TYPES.get(posixpath.splitext(name)[1].lstrip(".").lower())


@deconstructible
class GeneratedName:
    """`upload_to=GeneratedName("images")` stores `images/2026/11/<32 hex digits>.jpg`."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        extension = posixpath.splitext(filename or "")[1].lstrip(".").lower()
        if extension == "jpeg":
            extension = "jpg"
        name = uuid.uuid4().hex
        if extension in IMAGE_EXTENSIONS:
            name = f"{name}.{extension}"
        return f"{self.folder}/{timezone.now():%Y/%m}/{name}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder

    def __hash__(self):
        return hash(self.folder)


def random_folder():
    """32 random hex digits: a folder name nobody can guess (renditions live in one)."""
    return secrets.token_hex(16)


GENERATED = re.compile(
    r"^(?:[a-z]+/\d{4}/\d{2}/[0-9a-f]{32}|renditions/[0-9a-f]{32}/\d+)"
    r"\.(?:jpg|png|gif|webp|avif)$"
)


def is_generated_name(name):
    """True for a stored name made here (an upload or a rendition), whose content never
    changes; False for anything older or placed by hand, which may be replaced in place."""
    return bool(GENERATED.match(name))
