"""Renditions of library images, made once and served through <picture>.

Every slot on the site (cards, the lead story, the article's figure) shows pictures at one
aspect ratio, so each image is cropped once around its focal point and resized to a few
widths, in WebP with a JPEG fallback (newsroom/renditions.py). A new file or a moved focal
point makes a new set at new random addresses and deletes the old one.
"""

import logging

from newsroom import renditions as core
from newsroom.cache import content_changed

logger = logging.getLogger(__name__)

WIDTHS = (320, 480, 720, 960, 1280, 1600)
RATIO = (3, 2)


def focal_crop_box(width, height, focal_x=None, focal_y=None):
    return core.focal_crop_box(width, height, focal_x, focal_y, RATIO)


def ensure_renditions(image):
    """Make the renditions of `image` unless they exist for its current file and focal
    point. Never raises: a picture that cannot be read keeps being served as the original."""
    focal = (image.focal_x, image.focal_y)
    if not image.file or core.is_current(image.renditions, image.file, focal):
        return False
    try:
        made = core.make_renditions(image.file, ratio=RATIO, widths=WIDTHS, focal=focal)
    except core.UNREADABLE:
        logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)
        return False
    previous = image.renditions
    image.renditions = made
    type(image).objects.filter(pk=image.pk).update(renditions=made)
    core.delete_renditions(previous)
    # Pages cached with the old set name files that are gone now.
    content_changed()
    return True


def picture_sources(image):
    return core.picture_sources(image.renditions)
