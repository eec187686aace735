"""Renditions: resized copies of an uploaded image, made once and served through <picture>.

Every slot on the site (cards, the lead story, the article's figure) shows pictures at one
aspect ratio, so each image is cropped once around its focal point and resized to a few
widths, in WebP with a JPEG fallback. The names are recorded in `Image.renditions`:

    {"source": "images/2026/11/x.jpg", "focal": [0.5, 0.3], "ratio": [3, 2],
     "webp": {"320": "renditions/<32 hex>/320.webp", ...}, "jpeg": {"320": "...", ...}}

Each set of renditions gets a fresh random folder, so a rendition's address says nothing
about the image (an embargoed picture is not one guess away) and is never reused: new
file or new focal point, new address, which is what lets the media server cache them as
immutable. The old set is deleted once the new one is recorded.
"""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from newsroom.cache import content_changed
from newsroom.storage import random_folder

logger = logging.getLogger(__name__)

WIDTHS = (320, 480, 720, 960, 1280, 1600)
RATIO = (3, 2)
FORMATS = {"webp": ("WEBP", {"quality": 78, "method": 4}), "jpeg": ("JPEG", {"quality": 82})}


def rendition_height(width, ratio=RATIO):
    return round(width * ratio[1] / ratio[0])


def focal_crop_box(width, height, focal_x=None, focal_y=None, ratio=RATIO):
    """The largest box of the slot's ratio inside the picture, centred on the focal point."""
    focal_x = 0.5 if focal_x is None else min(max(focal_x, 0.0), 1.0)
    focal_y = 0.5 if focal_y is None else min(max(focal_y, 0.0), 1.0)
    crop_w = min(width, round(height * ratio[0] / ratio[1]))
    crop_h = min(height, round(crop_w * ratio[1] / ratio[0]))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def target_widths(crop_width, widths=WIDTHS):
    """The standard widths the cropped picture can fill without upscaling (at least one)."""
    fitting = [w for w in widths if w <= crop_width]
    return fitting or [crop_width]


def renditions_are_current(image):
    """True when the recorded renditions were cut from this file around this focal point."""
    made = image.renditions or {}
    return made.get("source") == image.file.name and made.get("focal") == [
        image.focal_x,
        image.focal_y,
    ]


def ensure_renditions(image):
    """Make the renditions of `image` unless they exist for its current file and focal
    point. Never raises: a picture that cannot be read keeps being served as the original."""
    if not image.file or renditions_are_current(image):
        return False
    try:
        renditions = make_renditions(image.file, focal=(image.focal_x, image.focal_y))
    except (OSError, ValueError, PILImage.DecompressionBombError):
        logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)
        return False
    previous = image.renditions or {}
    image.renditions = renditions
    type(image).objects.filter(pk=image.pk).update(renditions=renditions)
    delete_renditions(previous)
    # Pages cached with the old set name files that are gone now.
    content_changed()
    return True


def make_renditions(file, *, focal=(None, None), ratio=RATIO, widths=WIDTHS):
    """Crop `file` (a stored FieldFile) to `ratio` around `focal`, store each width in a new
    random folder and return the record of names."""
    file.open("rb")
    try:
        with PILImage.open(file) as source:
            profile = source.info.get("icc_profile")
            source = ImageOps.exif_transpose(source)
            picture = source.convert("RGB")
    finally:
        file.close()
    # Whatever the source carried besides its colour profile stays out of the copies.
    picture.info = {}
    extra = {"icc_profile": profile} if profile else {}
    cropped = picture.crop(focal_crop_box(picture.width, picture.height, *focal, ratio=ratio))
    folder = f"renditions/{random_folder()}"
    result = {"source": file.name, "focal": list(focal), "ratio": list(ratio)}
    for key in FORMATS:
        result[key] = {}
    for width in target_widths(cropped.width, widths):
        size = (width, rendition_height(width, ratio))
        resized = cropped.resize(size, PILImage.Resampling.LANCZOS)
        for key, (pil_format, options) in FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, pil_format, optimize=True, **options, **extra)
            name = f"{folder}/{width}.{'jpg' if key == 'jpeg' else key}"
            result[key][str(width)] = default_storage.save(name, ContentFile(buffer.getvalue()))
    return result


def delete_renditions(renditions):
    for key in FORMATS:
        for name in (renditions or {}).get(key, {}).values():
            default_storage.delete(name)


def picture_sources(image):
    """What a <picture> needs: srcsets per format, the fallback src and its size, or None."""
    renditions = image.renditions or {}
    jpeg = renditions.get("jpeg") or {}
    if not jpeg:
        return None
    widths = sorted(int(w) for w in jpeg)

    def srcset(key):
        names = renditions.get(key) or {}
        return ", ".join(
            f"{default_storage.url(names[str(w)])} {w}w" for w in widths if str(w) in names
        )

    fallback = widths[min(len(widths) - 1, 2)]
    return {
        "webp_srcset": srcset("webp"),
        "jpeg_srcset": srcset("jpeg"),
        "src": default_storage.url(jpeg[str(fallback)]),
        "width": fallback,
        "height": rendition_height(fallback),
    }
