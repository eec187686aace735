"""Where uploads are stored: generated names, never the name the uploader chose.

A chosen name can say anything (`index.html`, `../x`, a reporter's name, a source's); a
generated one says nothing and cannot collide. Only the extension of a known raster
format survives, lower-cased; the content itself is checked by articles/uploads.py.
"""

import posixpath
import uuid

from django.utils import timezone
from django.utils.deconstruct import deconstructible

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp", "avif"}


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
