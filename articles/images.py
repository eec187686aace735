"""Library images (the Image model) and their renditions, made once and served through
<picture>.

Every slot on the site (cards, the lead story, the article's figure) shows pictures at one
aspect ratio, so each image is cropped once around its focal point and resized to a few
widths, in WebP with a JPEG fallback (shared/renditions.py). A new file or a moved focal
point makes a new set at new random addresses and deletes the old one.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django_tasks import task
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from shared import keys
from shared import renditions as core
from shared.cache import content_changed
from shared.storage import GeneratedName

logger = logging.getLogger(__name__)

WIDTHS = (320, 480, 720, 960, 1280, 1600)
RATIO = (3, 2)


# Defined here rather than in models.py (which imports it) so that the body's renderer
# (body.py) can look pictures up without importing the articles' models, which render
# bodies: models -> body -> images, one way.
class Image(models.Model):
    file = models.ImageField(
        upload_to=GeneratedName("images"), width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the picture for readers who cannot see it. Required before an "
        "article that uses the image can be published.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=150, blank=True, help_text="Photographer or agency.")
    licence = models.CharField(max_length=200, blank=True, help_text="Terms of use, for editors.")
    focal_x = models.FloatField(
        null=True, blank=True, help_text="Horizontal focal point, 0 (left) to 1 (right)."
    )
    focal_y = models.FloatField(
        null=True, blank=True, help_text="Vertical focal point, 0 (top) to 1 (bottom)."
    )
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Resized copies, made once: {format: {width: storage name}}.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The picker searches by them. Their own link table (TaggedImage), so every query of
    # taggit's TaggedItem (tag pages, search, the API) stays about articles.
    tags = TaggableManager(
        through="TaggedImage",
        blank=True,
        help_text="Words to find the picture by in the picker (places, people, subjects).",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text or self.caption or self.file.name

    def save(self, *args, **kwargs):
        # An upload not yet written (FieldFile's own flag, which pre_save reads to write it)
        # is a new file: feeds carry the file, not its description.
        new_file = bool(self.file) and not self.file._committed
        super().save(*args, **kwargs)
        content_changed(self.cache_key, *([self.file_key] if new_file else []))
        # Renditions are made once per file, by a job after the upload (below).
        ensure_renditions_later(self)

    @property
    def cache_key(self):
        """What every page showing this picture depends on (its alt text, caption, files)."""
        return keys.image_key(self.pk)

    @property
    def file_key(self):
        """What shows only the uploaded file (a feed's enclosure)."""
        return keys.image_file_key(self.pk)


class TaggedImage(TaggedItemBase):
    content_object = models.ForeignKey(Image, on_delete=models.CASCADE)


def rendition_height(width):
    return core.rendition_height(width, RATIO)


def focal_crop_box(width, height, focal_x=None, focal_y=None):
    return core.focal_crop_box(width, height, focal_x, focal_y, RATIO)


def has_current_renditions(image):
    focal = (image.focal_x, image.focal_y)
    return not image.file or core.is_current(image.renditions, image.file, focal)


def ensure_renditions_later(image):
    """Make the renditions in a background job once the upload commits: the editor's
    response does not wait on resizing, and until the job is done the original is served."""
    if not has_current_renditions(image):
        transaction.on_commit(partial(make_image_renditions.enqueue, image.pk))


@task()
def make_image_renditions(image_id):
    image = Image.objects.filter(pk=image_id).first()
    # Idempotent: a second run (after a worker died) finds them made and does nothing.
    return image is not None and ensure_renditions(image)


def ensure_renditions(image):
    """Make the renditions of `image` unless they exist for its current file and focal
    point. Never raises: a picture that cannot be read keeps being served as the original."""
    if has_current_renditions(image):
        return False
    focal = (image.focal_x, image.focal_y)
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
    content_changed(image.cache_key)
    return True


def picture_sources(image):
    return core.picture_sources(image.renditions)


def thumbnail_url(image):
    """The smallest rendition's address, for the admin's picker; the original until the job
    has made the renditions of the current file."""
    jpeg = (image.renditions or {}).get("jpeg") or {}
    if not jpeg or not has_current_renditions(image):
        return image.file.url
    return default_storage.url(jpeg[str(min(int(width) for width in jpeg))])
