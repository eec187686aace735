"""People and pictures for tests: writers, editors, readers, library images."""

import io
from importlib import import_module

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from PIL import Image as PILImage

from articles.images import ensure_renditions
from articles.models import Image
from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"

# The data migrations that make the editorial groups and grant them their permissions.
GROUP_MIGRATIONS = [
    ("accounts.migrations.0002_editorial_groups", "create_groups"),
    ("live.migrations.0002_writers_post_editors_run_coverage", "grant"),
    ("newsletters.migrations.0002_editors_send_alerts_and_newsletters", "grant"),
    ("newsletters.migrations.0004_editors_lift_suppressions", "grant"),
    ("notifications.migrations.0002_editors_set_desks", "grant"),
    ("fronts.migrations.0002_editors_run_fronts_and_the_banner", "grant"),
    ("memberships.migrations.0002_editors_run_memberships", "grant"),
]


def editorial_group(name):
    """The group the migrations made; made again after a transactional test (a browser
    test's live server) emptied every table at its end."""
    found = Group.objects.filter(name=name).first()
    if found is None:
        state = MigrationLoader(connection).project_state().apps
        for module, function in GROUP_MIGRATIONS:
            getattr(import_module(module), function)(state, None)
        found = Group.objects.get(name=name)
    return found


def writer(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(editorial_group("Writer"))
    return user


def editor(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(editorial_group("Editor"))
    return user


def reader(**kwargs):
    return UserFactory(**kwargs)


def picture_bytes(size=(40, 30), fmt="PNG", color=(200, 40, 40), **save_options):
    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, format=fmt, **save_options)
    return out.getvalue()


def upload(name="photo.png", data=None, content_type="image/png"):
    return SimpleUploadedFile(
        name, picture_bytes() if data is None else data, content_type=content_type
    )


def library_image(alt_text="A harbour at dawn", **kwargs):
    image = Image.objects.create(file=upload(), alt_text=alt_text, **kwargs)
    ensure_renditions(image)  # as the background job would have
    return image


def article_form_data(article, **changes):
    """What the admin change form posts for `article`, with `changes` applied."""
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "edit_version": article.lock_version,
        # The revision the change page was opened on: its merge's base (_merge.html).
        "edit_revision": article.history.values_list("history_id", flat=True).first() or "",
        "category": article.category_id,
        "tags": "",
        "authors": [author.pk for author in article.authors.all()],
        "featured_image": article.featured_image_id or "",
        "status": article.status,
        "published_at_0": "",
        "published_at_1": "",
        "feature_position": article.feature_position,
        "is_featured": "on" if article.is_featured else None,
        "comments_open": "on" if article.comments_open else "",
        "seo_title": "",
        "seo_description": "",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        "corrections-MIN_NUM_FORMS": "0",
        "corrections-MAX_NUM_FORMS": "1000",
    }
    if article.published_at:
        from django.utils import timezone

        local = timezone.localtime(article.published_at)
        data["published_at_0"] = local.strftime("%Y-%m-%d")
        data["published_at_1"] = local.strftime("%H:%M:%S")
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
