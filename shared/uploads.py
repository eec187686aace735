"""Check an uploaded picture by its content and store a clean copy of it.

Pillow decides what a file is, never its name: an SVG or a script renamed `.jpg` is
refused. The stored copy is re-encoded from the pixels with only what display needs (the
colour profile; a GIF's transparency and timing), so EXIF (GPS included), XMP, PNG text and
JPEG/GIF comments are gone, and the camera's orientation is applied to the pixels.
"""

import io
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from PIL import ImageOps

FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
# Pillow writes back what it read into `info` (a JPEG or GIF comment, for one), so the
# copy starts from nothing and gets only these: how to show the pixels, never who or where.
DISPLAY_INFO = ("icc_profile", "transparency", "duration", "loop", "background")


# What Pillow reports of a file this module wrote: format details, nothing about anyone.
FORMAT_INFO = {
    *("jfif", "jfif_version", "jfif_unit", "jfif_density", "dpi", "progressive", "progression"),
    *("version", "gamma", "aspect", "interlace"),
}


def has_hidden_metadata(file):
    """True when a stored picture carries more than display needs (a comment, EXIF, XMP,
    PNG text): one stored before this module removed it all."""
    file.open("rb")
    try:
        with PILImage.open(file) as picture:
            return bool(set(picture.info) - FORMAT_INFO - set(DISPLAY_INFO))
    finally:
        file.close()


def max_bytes():
    return getattr(settings, "NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)


def max_pixels():
    return getattr(settings, "NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)


def _open_checked(data):
    """Open and verify; refuse anything Pillow cannot read as one of our raster formats."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            with PILImage.open(io.BytesIO(data)) as probe:
                fmt, size = probe.format, probe.size
                if fmt in FORMATS:
                    _check_pixels(size)
                    probe.verify()
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except ValidationError:
            raise
        except Exception:
            raise ValidationError(
                "This file is not a picture we can use: upload a JPEG, PNG, WebP or GIF "
                "(SVG and other formats are refused).",
                code="not_an_image",
            ) from None
    if fmt not in FORMATS:
        raise ValidationError(
            f"{fmt} pictures are not accepted: upload a JPEG, PNG, WebP or GIF.",
            code="format",
        )
    return fmt


def _check_pixels(size):
    if size[0] * size[1] > max_pixels():
        raise _too_many_pixels(size)


def _too_many_pixels(size=None):
    shown = f" ({size[0]}×{size[1]})" if size else ""
    return ValidationError(
        f"This picture is too large{shown}: at most {max_pixels() // 1_000_000} megapixels. "
        "Resize it and upload it again.",
        code="pixels",
    )


def clean_image_upload(upload):
    """Return a new upload holding the re-encoded picture, or raise ValidationError."""
    if upload.size > max_bytes():
        raise ValidationError(
            f"This file is {upload.size / 1_048_576:.1f} MB: at most "
            f"{max_bytes() // 1_048_576} MB.",
            code="bytes",
        )
    upload.seek(0)
    data = upload.read()
    fmt = _open_checked(data)
    with PILImage.open(io.BytesIO(data)) as original:
        picture = ImageOps.exif_transpose(original)
        if fmt == "JPEG" and picture.mode not in {"RGB", "L"}:
            picture = picture.convert("RGB")
        kept = {key: original.info[key] for key in DISPLAY_INFO if key in original.info}
        picture.info = {}
        out = io.BytesIO()
        options = {"quality": 90, "optimize": True} if fmt in {"JPEG", "WEBP"} else {}
        picture.save(out, format=fmt, **options, **kept)
    name = f"{Path(upload.name).stem or 'image'}.{FORMATS[fmt]}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=PILImage.MIME[fmt])
