"""Resized copies of a stored picture, cut to one slot's aspect ratio around a focal point.

Shared by library images (articles/images.py) and profile photos (accounts): each set of
renditions gets a fresh random folder when it is made, so its addresses say nothing about
the picture (an embargoed photo is not one guess away) and are never reused, which is what
lets the media server cache them as immutable. The record of one set:

    {"source": "images/2026/11/x.jpg", "focal": [0.5, 0.3], "ratio": [3, 2],
     "webp": {"320": "renditions/<32 hex>/320.webp", ...}, "jpeg": {"320": "...", ...}}

A set made with no ratio keeps the whole picture (a picture in an article's body is shown
as it was taken, portrait or wide): its record has "ratio": null and the picture's "size"
[width, height], from which each copy's height follows. An animation or a picture with
transparent parts gets no copies in such a set (a copy would be its first frame, or its
transparent parts black on a JPEG): its empty record says the original is what to show.
"""

import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage
from PIL import ImageOps

from .storage import random_folder

FORMATS = {"webp": ("WEBP", {"quality": 78, "method": 4}), "jpeg": ("JPEG", {"quality": 82})}
# What a picture that cannot be read raises; callers keep serving the original then.
UNREADABLE = (OSError, ValueError, PILImage.DecompressionBombError)


def rendition_height(width, ratio):
    return round(width * ratio[1] / ratio[0])


def focal_crop_box(width, height, focal_x, focal_y, ratio):
    """The largest box of the slot's ratio inside the picture, centred on the focal point."""
    focal_x = 0.5 if focal_x is None else min(max(focal_x, 0.0), 1.0)
    focal_y = 0.5 if focal_y is None else min(max(focal_y, 0.0), 1.0)
    crop_w = min(width, round(height * ratio[0] / ratio[1]))
    crop_h = min(height, round(crop_w * ratio[1] / ratio[0]))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def target_widths(crop_width, widths):
    """The standard widths the cropped picture can fill without upscaling (at least one)."""
    fitting = [w for w in widths if w <= crop_width]
    return fitting or [crop_width]


def is_current(renditions, file, focal=(None, None)):
    """True when `renditions` were cut from this stored file around this focal point."""
    made = renditions or {}
    return made.get("source") == file.name and made.get("focal") == list(focal)


def make_renditions(file, *, ratio, widths, focal=(None, None)):
    """Crop `file` (a stored FieldFile) to `ratio` around `focal` (with `ratio` None, keep the
    whole picture), store each width in a new random folder and return the record of names.
    Raises one of UNREADABLE."""
    file.open("rb")
    try:
        with PILImage.open(file) as source:
            profile = source.info.get("icc_profile")
            # What copies would spoil: movement, and transparency (JPEG has none).
            keep_original = getattr(source, "is_animated", False) or source.has_transparency_data
            source = ImageOps.exif_transpose(source)
            picture = source.convert("RGB")
    finally:
        file.close()
    # Whatever the source carried besides its colour profile stays out of the copies.
    picture.info = {}
    extra = {"icc_profile": profile} if profile else {}
    folder = f"renditions/{random_folder()}"
    result = {"source": file.name, "focal": list(focal)}
    if ratio is None and keep_original:
        size = [picture.width, picture.height]
        return {**result, "ratio": None, "size": size, **{key: {} for key in FORMATS}}
    if ratio is None:
        cropped = picture
        result.update(ratio=None, size=[picture.width, picture.height])
    else:
        cropped = picture.crop(focal_crop_box(picture.width, picture.height, *focal, ratio))
        result["ratio"] = list(ratio)
    for key in FORMATS:
        result[key] = {}
    for width in target_widths(cropped.width, widths):
        resized = cropped.resize((width, height_at(result, width)), PILImage.Resampling.LANCZOS)
        for key, (pil_format, options) in FORMATS.items():
            buffer = io.BytesIO()
            resized.save(buffer, pil_format, optimize=True, **options, **extra)
            name = f"{folder}/{width}.{'jpg' if key == 'jpeg' else key}"
            result[key][str(width)] = default_storage.save(name, ContentFile(buffer.getvalue()))
    return result


def height_at(renditions, width):
    """The height of a copy `width` wide in this set: by its ratio, or by the whole
    picture's proportions (never less than a pixel)."""
    size = renditions.get("size")
    if size and renditions.get("ratio") is None:
        return max(1, round(width * size[1] / size[0]))
    return rendition_height(width, renditions.get("ratio") or (3, 2))


def delete_renditions(renditions):
    for key in FORMATS:
        for name in (renditions or {}).get(key, {}).values():
            default_storage.delete(name)


def picture_sources(renditions, fallback_index=2):
    """What a <picture> needs: srcsets per format, the fallback src and its size, or None."""
    renditions = renditions or {}
    jpeg = renditions.get("jpeg") or {}
    if not jpeg:
        return None
    widths = sorted(int(w) for w in jpeg)

    def srcset(key):
        names = renditions.get(key) or {}
        return ", ".join(
            f"{default_storage.url(names[str(w)])} {w}w" for w in widths if str(w) in names
        )

    fallback = widths[min(len(widths) - 1, fallback_index)]
    return {
        "webp_srcset": srcset("webp"),
        "jpeg_srcset": srcset("jpeg"),
        "src": default_storage.url(jpeg[str(fallback)]),
        "width": fallback,
        "height": height_at(renditions, fallback),
    }
