"""Renditions made before random folders lived at renditions/<pk>/<width>.<ext>, one guess
from any other image. Move each set to a fresh random folder (the files are copied, the
record updated, the old files deleted) and note the focal point they were cut around, so
they are not made again. Reversing leaves the files where they are."""

import re
import secrets

from django.core.files.storage import default_storage
from django.db import migrations

OLD_NAME = re.compile(r"^renditions/\d+/")


def move_renditions(apps, schema_editor):
    Image = apps.get_model("articles", "Image")
    moved = False
    for image in Image.objects.exclude(renditions={}).iterator():
        renditions = dict(image.renditions)
        folder = f"renditions/{secrets.token_hex(16)}/"
        old_names = []
        for key in ("webp", "jpeg"):
            names = dict(renditions.get(key) or {})
            for width, name in names.items():
                if not OLD_NAME.match(name) or not default_storage.exists(name):
                    continue
                with default_storage.open(name, "rb") as handle:
                    names[width] = default_storage.save(OLD_NAME.sub(folder, name), handle)
                old_names.append(name)
            renditions[key] = names
        renditions.setdefault("focal", [image.focal_x, image.focal_y])
        Image.objects.filter(pk=image.pk).update(renditions=renditions)
        for name in old_names:
            default_storage.delete(name)
        moved = moved or bool(old_names)
    if moved:
        # Cached pages name the old files.
        from shared.cache import content_changed

        content_changed()


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_clearer_slug_help")]

    operations = [migrations.RunPython(move_renditions, migrations.RunPython.noop)]
