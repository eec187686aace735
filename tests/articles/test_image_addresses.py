"""Rendition addresses cannot be guessed, change with their content, and are cached for
long only when they can never be reused."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import RequestFactory
from PIL import Image as PILImage

from articles.models import Image
from newsroom import views
from shared.storage import is_generated_name
from tests.articles.factories import ImageFactory, picture_file

pytestmark = pytest.mark.django_db


def all_rendition_names(image):
    return [name for key in ("webp", "jpeg") for name in image.renditions[key].values()]


def test_a_rendition_address_says_nothing_about_the_image():
    image = ImageFactory(file=picture_file(1000, 700))
    for name in all_rendition_names(image):
        assert f"/{image.pk}/" not in name
        assert is_generated_name(name)


def test_two_images_never_share_a_rendition_folder():
    first, second = ImageFactory(), ImageFactory()
    assert (
        first.renditions["jpeg"]["320"].rsplit("/", 1)[0]
        != (second.renditions["jpeg"]["320"].rsplit("/", 1)[0])
    )


def test_a_replaced_file_gets_new_addresses_and_the_old_ones_are_gone(
    django_capture_on_commit_callbacks,
):
    image = ImageFactory(file=picture_file(1000, 700))
    old = all_rendition_names(image)
    image.file = picture_file(1000, 700, colour=(250, 10, 10))
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job
        image.save()
    image.refresh_from_db()
    new = all_rendition_names(image)
    assert not set(old) & set(new)
    assert not any(default_storage.exists(name) for name in old)
    assert all(default_storage.exists(name) for name in new)


def red_on_the_left():
    picture = PILImage.new("RGB", (2000, 1000), (0, 0, 255))
    picture.paste((255, 0, 0), (0, 0, 400, 1000))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="split.png")


def first_pixel(image):
    with default_storage.open(image.renditions["jpeg"]["320"]) as handle:
        return PILImage.open(handle).convert("RGB").getpixel((2, 100))


def test_moving_the_focal_point_re_crops_the_renditions_at_new_addresses(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job
        image = Image.objects.create(file=red_on_the_left(), focal_x=1.0)
    image.refresh_from_db()
    assert first_pixel(image)[2] > 200  # cropped to the right: blue
    old = all_rendition_names(image)
    image.focal_x = 0.0
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job
        image.save()
    image.refresh_from_db()
    image.refresh_from_db()
    assert first_pixel(image)[0] > 200  # now cropped to the left: red
    assert not set(old) & set(all_rendition_names(image))


def test_renditions_carry_no_comment_from_an_older_upload(django_capture_on_commit_callbacks):
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 300)).save(buffer, "JPEG", comment=b"Source: Jane Doe")
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job
        image = Image.objects.create(file=ContentFile(buffer.getvalue(), name="old.jpg"))
    image.refresh_from_db()
    with default_storage.open(image.renditions["jpeg"]["320"]) as handle:
        assert b"Jane Doe" not in handle.read()


@pytest.mark.parametrize(
    ("name", "immutable"),
    [
        ("images/2026/11/0123456789abcdef0123456789abcdef.jpg", True),
        ("renditions/0123456789abcdef0123456789abcdef/320.webp", True),
        ("avatars/2026/11/0123456789abcdef0123456789abcdef.png", True),
        ("renditions/12/320.jpg", False),  # the old sequential names
        ("images/harbour.jpg", False),
    ],
)
def test_only_generated_names_are_served_as_immutable(name, immutable, media_root):
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff" + b"0" * 20)
    response = views.media(RequestFactory().get(f"/media/{name}"), name, media_root)
    assert ("immutable" in response["Cache-Control"]) is immutable


def test_the_migration_moves_old_renditions_to_random_folders_and_keeps_them_working():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0009_move_renditions_to_random_folders")
    image = ImageFactory()
    old = {}
    for key, extension in (("webp", "webp"), ("jpeg", "jpg")):
        for width, name in image.renditions[key].items():
            with default_storage.open(name) as handle:
                old_name = default_storage.save(
                    f"renditions/{image.pk}/{width}.{extension}", handle
                )
            old.setdefault(key, {})[width] = old_name
    Image.objects.filter(pk=image.pk).update(renditions={"source": image.file.name, **old})

    migration.move_renditions(apps, None)

    image.refresh_from_db()
    new = all_rendition_names(image)
    assert all(is_generated_name(name) and default_storage.exists(name) for name in new)
    assert not any(
        default_storage.exists(name) for names in old.values() for name in names.values()
    )
    assert image.renditions["focal"] == [None, None]
    image.save()  # up to date: not made again
    image.refresh_from_db()
    assert all_rendition_names(image) == new


def test_an_editor_moves_the_focal_point_in_the_admin_and_the_pictures_are_re_cut(
    client, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from tests import people

    image = Image.objects.create(file=red_on_the_left(), focal_x=1.0, alt_text="Split")
    client.force_login(people.editor())
    url = reverse("admin:articles_image_change", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the rendition job
        response = client.post(url, {"alt_text": "Split", "focal_x": "0", "focal_y": "0.5"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert first_pixel(image)[0] > 200


def test_an_editor_replaces_a_published_picture_and_the_old_file_is_gone_everywhere(
    client, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from articles.images import whole_picture_sources
    from tests import people
    from tests.factories import ArticleFactory

    image = ImageFactory()
    article = ArticleFactory(published=True, body=f"[[image {image.pk}]]")
    old_name, old_url = image.file.name, image.file.url
    client.force_login(people.editor())
    new_file = SimpleUploadedFile("new.png", people.picture_bytes(size=(500, 400)))
    url = reverse("admin:articles_image_change", args=[image.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"file": new_file, "alt_text": "Boats"})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name and not default_storage.exists(old_name)
    article.refresh_from_db()
    # The body shows the new file's copies sized for each screen, nothing of the old one.
    assert whole_picture_sources(image)["src"] in article.body_html
    assert old_url not in article.body_html and old_name.rsplit("/", 1)[1] not in article.body_html
