"""manage.py clean_stored_images strips comments from pictures stored before uploads did."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image as PILImage

from accounts.models import User
from articles.images import whole_picture_sources
from articles.models import Article, Image
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NOTE = b"Shot by source: Jane Doe, +44 7700 900123"


def jpeg_with_a_comment(name="old.jpg"):
    out = io.BytesIO()
    PILImage.new("RGB", (800, 600), (30, 60, 90)).save(out, "JPEG", comment=NOTE)
    return ContentFile(out.getvalue(), name=name)


def stored_bytes(name):
    with default_storage.open(name) as handle:
        return handle.read()


def an_image_stored_before_the_clean_up():
    # Stored as it was before: the file as uploaded, renditions cut from it.
    return Image.objects.create(file=jpeg_with_a_comment(), alt_text="The quay")


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def run(*args):
        out = io.StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("clean_stored_images", *args, stdout=out)
        return out.getvalue()

    return run


def test_an_old_picture_is_re_encoded_under_a_new_name_and_its_articles_follow(run):
    image = an_image_stored_before_the_clean_up()
    assert NOTE in stored_bytes(image.file.name)  # the test is real
    old_file, old_url = image.file.name, image.file.url
    article = ArticleFactory(published=True, featured_image=image, body=f"[[image {image.pk}]]")
    assert old_url in article.body_html
    revisions = article.history.count()

    assert "cleaned 1 picture." in run()

    image.refresh_from_db()
    assert image.file.name != old_file and not default_storage.exists(old_file)
    assert NOTE not in stored_bytes(image.file.name)
    copies = [*image.renditions["jpeg"].values(), *image.renditions["whole"]["jpeg"].values()]
    assert all(NOTE not in stored_bytes(name) for name in copies)
    article = Article.objects.get(pk=article.pk)
    assert whole_picture_sources(image)["src"] in article.body_html
    assert old_url not in article.body_html
    assert article.history.count() == revisions  # the text did not change: no revision


def test_a_clean_picture_is_left_alone_and_a_dry_run_changes_nothing(run):
    clean = people.library_image()
    old = an_image_stored_before_the_clean_up()
    names = {clean.pk: clean.file.name, old.pk: old.file.name}
    assert "would clean 1 picture." in run("--dry-run")
    assert {i.pk: i.file.name for i in Image.objects.all()} == names
    run()
    assert Image.objects.get(pk=clean.pk).file.name == names[clean.pk]
    assert "cleaned 0 pictures." in run()  # once clean, always clean


def test_an_old_profile_photo_is_cleaned_too(run):
    user = people.writer()
    user.avatar.save("me.jpg", jpeg_with_a_comment())
    old = user.avatar.name
    run()
    user = User.objects.get(pk=user.pk)
    assert user.avatar.name != old and not default_storage.exists(old)
    assert NOTE not in stored_bytes(user.avatar.name)
    assert user.avatar_renditions["jpeg"]
