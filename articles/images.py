"""Library images (the Image model) and their renditions, made once and served through
<picture>.

Every slot on the site (cards, the lead story, the article's figure) shows pictures at one
aspect ratio, so each image is cropped once around its focal point and resized to a few
widths, in WebP with a JPEG fallback (shared/renditions.py). A picture in an article's body
is shown whole, as it was taken: a second set, "whole" in the record, resized at the same
widths without cropping (a camera's 6,000-pixel original is never sent to a phone). A new
file or a moved focal point makes a new cropped set at new random addresses and deletes the
old one; the whole set follows the file alone.
"""

import logging
from functools import partial

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.dispatch import Signal
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

# Sent with `image_id` when what a body shows of the picture changed (its whole set is new,
# or it was deleted): bodies embed its addresses, so the articles, live updates and static
# pages that show it render them again (their receivers). This module imports none of them.
body_picture_changed = Signal()


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
    made = image.renditions or {}
    return not image.file or (
        core.is_current(made, image.file, focal) and core.is_current(made.get("whole"), image.file)
    )


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


_missing_checked = False


def queue_missing_renditions():
    """A worker's periodic check (jobs/periodic.py), done once per process: queue the job
    for each picture stored before it had a whole set (the bodies' copies, added after the
    cards'), so an upgraded library gets them without anyone saving each picture. A new
    upload queues its own job; a picture that cannot be read is tried once per worker
    start, never on every beat."""
    global _missing_checked
    if _missing_checked:
        return
    _missing_checked = True
    missing = Image.objects.exclude(file="").exclude(renditions__has_key="whole")
    for image_id in missing.values_list("pk", flat=True).iterator():
        make_image_renditions.enqueue(image_id)


def ensure_renditions(image):
    """Make whichever of the two sets of `image` is not current for its file (and, for the
    cropped one, its focal point). Never raises: a picture that cannot be read keeps being
    served as the original."""
    if has_current_renditions(image):
        return False
    focal = (image.focal_x, image.focal_y)
    previous = image.renditions or {}
    cropped, whole = previous, previous.get("whole")
    try:
        if not core.is_current(previous, image.file, focal):
            cropped = core.make_renditions(image.file, ratio=RATIO, widths=WIDTHS, focal=focal)
        if not core.is_current(whole, image.file):
            whole = core.make_renditions(image.file, ratio=None, widths=WIDTHS)
    except core.UNREADABLE:
        logger.warning("Could not make renditions of image %s", image.pk, exc_info=True)
        if cropped is not previous:
            core.delete_renditions(cropped)  # made before the failure: nothing names it
        return False
    image.renditions = {**cropped, "whole": whole}
    type(image).objects.filter(pk=image.pk).update(renditions=image.renditions)
    if cropped is not previous:
        core.delete_renditions(previous)
    # Pages cached with the old set name files that are gone now.
    content_changed(image.cache_key)
    if whole is not previous.get("whole"):
        core.delete_renditions(previous.get("whole"))
        body_picture_changed.send(sender=type(image), image_id=image.pk)
    return True


def delete_files(image):
    """The picture's original and both sets of copies, once its deletion commits: a picture
    taken out of the library is not left readable at its address (WordPress deletes an
    attachment's files too). Then the bodies that showed it are rendered without it."""
    name, renditions, image_id = image.file.name, image.renditions or {}, image.pk

    def delete():
        if name and not Image.objects.filter(file=name).exists():
            default_storage.delete(name)
        core.delete_renditions(renditions)
        core.delete_renditions(renditions.get("whole"))
        body_picture_changed.send(sender=Image, image_id=image_id)

    transaction.on_commit(delete)


def whole_picture_sources(image):
    """What a <picture> of the whole image needs (shared/renditions.py), or None until the
    job has made the whole set of its current file."""
    whole = (image.renditions or {}).get("whole")
    if not core.is_current(whole, image.file):
        return None
    return core.picture_sources(whole)


def whole_thumbnail_url(image):
    """The smallest copy of the whole picture, for the rich editor (a portrait shows upright
    while writing, as readers will see it); the cards' thumbnail until the job has made it."""
    whole = (image.renditions or {}).get("whole")
    current = core.is_current(whole, image.file)
    return (current and smallest_copy_url(whole)) or thumbnail_url(image)


def picture_sources(image):
    return core.picture_sources(image.renditions)


def thumbnail_url(image):
    """The smallest rendition's address, for the admin's picker; the original until the job
    has made the renditions of the current file."""
    focal = (image.focal_x, image.focal_y)
    current = core.is_current(image.renditions, image.file, focal)
    return (current and smallest_copy_url(image.renditions)) or image.file.url


def smallest_copy_url(renditions):
    """The address of a set's narrowest JPEG copy, or None for a set with none."""
    jpeg = (renditions or {}).get("jpeg") or {}
    return default_storage.url(jpeg[str(min(int(width) for width in jpeg))]) if jpeg else None
