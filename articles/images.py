"""Renditions: resized copies of an uploaded image, made once and served through <picture>.

Every slot on the site (cards, the lead story, the article's figure) shows pictures at one
aspect ratio, so each image is cropped once around its focal point and resized to a few
widths, in WebP with a JPEG fallback. The names are recorded in `Image.renditions`:

    {"source": "images/2026/11/x.jpg", "ratio": [3, 2],
     "webp": {"320": "renditions/12/320.webp", ...}, "jpeg": {"320": "...", ...}}
"""

import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from newsroom.cache import content_changed

logger = logging.getLogger(__name__)

WIDTHS = (320, 480, 720, 960, 1280, 1600)
RATIO = (3, 2)
FORMATS = {"webp": ("WEBP", {"quality": 78, "method": 4}), "jpeg": ("JPEG", {"quality": 82})}


def rendition_height(width):
    return round(width * RATIO[1] / RATIO[0])


def focal_crop_box(width, height, focal_x=None, focal_y=None):
    """The largest box of the site's ratio inside the picture, centred on the focal point."""
    focal_x = 0.5 if focal_x is None else min(max(focal_x, 0.0), 1.0)
    focal_y = 0.5 if focal_y is None else min(max(focal_y, 0.0), 1.0)
    crop_w = min(width, round(height * RATIO[0] / RATIO[1]))
    crop_h = min(height, round(crop_w * RATIO[1] / RATIO[0]))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def target_widths(crop_width):
    """The standard widths the cropped picture can fill without upscaling (at least one)."""
    widths = [w for w in WIDTHS if w <= crop_width]
    return widths or [crop_width]


def ensure_renditions(image):
    """Make the renditions of `image` unless they exist for its current file. Never raises:
    a picture that cannot be read keeps being served as the original file."""
    if not image.file or image.renditions.get("source") == image.file.name:
        return False
    try:
        renditions = make_renditions(image)
    except (OSError, ValueError, PILImage.DecompressionBombError):
        logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)
        return False
    image.renditions = renditions
    type(image).objects.filter(pk=image.pk).update(renditions=renditions)
    # Pages cached while the renditions were being made show the original file.
    content_changed(image.cache_key)
    return True


def make_renditions(image):
    image.file.open("rb")
    try:
        with PILImage.open(image.file) as source:
            source = ImageOps.exif_transpose(source)
            picture = source.convert("RGB")
    finally:
        image.file.close()
    box = focal_crop_box(picture.width, picture.height, image.focal_x, image.focal_y)
    cropped = picture.crop(box)
    result = {"source": image.file.name, "ratio": list(RATIO)}
    for key in FORMATS:
        result[key] = {}
    for width in target_widths(cropped.width):
        resized = cropped.resize((width, rendition_height(width)), PILImage.Resampling.LANCZOS)
        for key, (pil_format, options) in FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, pil_format, optimize=True, **options)
            name = f"renditions/{image.pk}/{width}.{'jpg' if key == 'jpeg' else key}"
            if default_storage.exists(name):
                default_storage.delete(name)
            result[key][str(width)] = default_storage.save(name, ContentFile(buffer.getvalue()))
    return result


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
