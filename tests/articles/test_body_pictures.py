"""A picture in an article's body reaches readers as copies sized for their screen, whole
(a portrait stays a portrait), in WebP with a JPEG fallback: never the camera's original.
Until the background job has made the copies the original is shown, and the job renders
again the stored bodies (articles, live updates, static pages) that show the picture; an
animation or a transparent picture keeps its original; a deleted picture leaves nothing."""

import io
import re

import pytest
from bs4 import BeautifulSoup
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from articles import images, services
from articles.body import render_body, sanitize_html
from articles.images import ensure_renditions, make_image_renditions
from articles.models import Article, Image
from jobs import periodic
from live.models import LiveUpdate
from live.services import post_update
from pages.models import Page
from tests import people
from tests.factories import ArticleFactory
from tests.live.factories import live_page

pytestmark = pytest.mark.django_db


def uploaded(size, alt_text="Boats tied up at the quay"):
    """A picture as the library holds it right after an upload: the job not run yet."""
    upload = people.upload("quay.jpg", people.picture_bytes(size=size, fmt="JPEG"), "image/jpeg")
    image = Image(file=upload, alt_text=alt_text)
    Image.objects.bulk_create([image])  # no save(): its job would be queued
    return Image.objects.get(pk=image.pk)


def body_picture(html):
    figure = BeautifulSoup(html, "html.parser").select_one("figure.inline-image")
    return figure.select_one("source"), figure.select_one("img")


def widths(srcset):
    return [int(width) for width in re.findall(r" (\d+)w", srcset)]


def test_a_wide_picture_is_sent_in_copies_for_each_screen_never_the_original(client):
    image = uploaded((2400, 1600))
    ensure_renditions(image)
    article = ArticleFactory(published=True, body=f"Crews are back.\n\n[[image {image.pk}]]")
    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())

    assert source["type"] == "image/webp"
    assert widths(source["srcset"]) == [320, 480, 720, 960, 1280, 1600]
    assert widths(img["srcset"]) == [320, 480, 720, 960, 1280, 1600]
    assert source["sizes"] == img["sizes"] == "(min-width: 44rem) 40rem, 100vw"
    # The fallback is a 720-pixel JPEG copy with its own proportions, not the 2,400 original.
    assert img["src"].endswith("/720.jpg") and image.file.url not in str(img)
    assert (img["width"], img["height"]) == ("720", "480")
    assert img["alt"] == "Boats tied up at the quay"
    with default_storage.open(img["src"].removeprefix("/media/")) as copy:
        assert len(copy.read()) < image.file.size


def test_a_portrait_picture_stays_whole_and_upright(client):
    image = uploaded((900, 1350))
    ensure_renditions(image)
    article = ArticleFactory(published=True, body=f"[[image {image.pk}: The harbour master]]")
    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())
    # No copy wider than the picture itself, each as tall as the picture's proportions say.
    assert widths(source["srcset"]) == [320, 480, 720]
    assert (img["width"], img["height"]) == ("720", "1080")
    # The cards' copies are still cut to 3:2 around the focal point: another set.
    assert image.renditions["jpeg"] != image.renditions["whole"]["jpeg"]


def test_until_the_job_has_run_the_original_is_shown_then_every_body_showing_it_follows(
    client, django_capture_on_commit_callbacks
):
    image = uploaded((1600, 1000))
    article = ArticleFactory(published=True, body=f"[[image {image.pk}]]\n\nTraders came.")
    other = ArticleFactory(published=True, body=f"Before.\n\n[[IMAGE {image.pk}: Again]]")
    unrelated = ArticleFactory(published=True, body="No picture here.")
    live = live_page()
    update = post_update(article=live, user=people.editor(), body=f"[[image {image.pk}]]")
    about = Page.objects.create(title="About", slug="about", body=f"[[image {image.pk}]]")
    _, img = body_picture(client.get(article.get_absolute_url()).content.decode())
    assert img["src"] == image.file.url and img.get("srcset") is None
    revisions = article.history.count()
    unrelated_html = Article.objects.get(pk=unrelated.pk).body_html

    make_image_renditions.call(image.pk)  # what the worker runs

    # The page cached before the job is stale: the next reader gets the copies.
    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())
    assert source is not None and img["src"] != image.file.url and "/renditions/" in img["src"]
    assert "/renditions/" in Article.objects.get(pk=other.pk).body_html
    assert "/renditions/" in LiveUpdate.objects.get(pk=update.pk).body_html
    assert "/renditions/" in client.get(live.get_absolute_url()).content.decode()
    assert "/renditions/" in Page.objects.get(pk=about.pk).body_html
    assert Article.objects.get(pk=unrelated.pk).body_html == unrelated_html
    assert article.history.count() == revisions  # the text did not change: no revision
    # A second run (a worker that died and ran it again) changes nothing.
    assert make_image_renditions.call(image.pk) is False


def test_a_picture_that_cannot_be_read_keeps_its_original(caplog):
    image = uploaded((800, 600))
    default_storage.delete(image.file.name)
    default_storage.save(image.file.name, people.upload("x.jpg", b"not a picture", "image/jpeg"))
    assert ensure_renditions(image) is False
    assert f'src="{image.file.url}"' in render_body(f"[[image {image.pk}]]")


def test_a_srcset_the_body_did_not_make_is_dropped():
    # Writers cannot type these tags (raw HTML is text); the allow-list holds anyway.
    html = sanitize_html(
        '<picture><source type="text/html" srcset="javascript:alert(1) 1w">'
        '<img src="/media/a.jpg" srcset="//evil.example/a.jpg 480w" alt=""></picture>'
    )
    assert "javascript" not in html and "evil" not in html and "text/html" not in html
    kept = sanitize_html('<img src="/media/a.jpg" srcset="/media/a-480.jpg 480w" alt="">')
    assert 'srcset="/media/a-480.jpg 480w"' in kept
    typed = render_body('<img src="/x.jpg" srcset="/x.jpg 480w"> and <source srcset="/y 1w">')
    assert "<img" not in typed and "<source" not in typed


def test_pictures_stored_before_the_bodies_copies_get_them_from_the_first_worker(
    client, monkeypatch, django_assert_num_queries
):

    image = uploaded((1600, 1000))
    ensure_renditions(image)
    cards_only = {key: value for key, value in image.renditions.items() if key != "whole"}
    Image.objects.filter(pk=image.pk).update(renditions=cards_only)  # as stored before
    article = ArticleFactory(published=True, body=f"[[image {image.pk}]]")
    assert image.file.url in client.get(article.get_absolute_url()).content.decode()
    monkeypatch.setattr(images, "_missing_checked", False)  # a worker starting

    periodic.run_due()  # what a worker asks when it starts (jobs run at once in tests)

    image.refresh_from_db()
    assert image.renditions["jpeg"] == cards_only["jpeg"]  # the cards' copies kept as they were
    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())
    assert source is not None and "/renditions/" in img["src"]
    # Once per worker: the next beat asks nothing of the database.
    with django_assert_num_queries(0):
        images.queue_missing_renditions()


def test_a_deleted_picture_leaves_nothing_readable_and_no_body_shows_it(
    client, django_capture_on_commit_callbacks
):
    image = uploaded((1600, 1000))
    ensure_renditions(image)
    names = [
        image.file.name,
        *image.renditions["jpeg"].values(),
        *image.renditions["webp"].values(),
        *image.renditions["whole"]["jpeg"].values(),
        *image.renditions["whole"]["webp"].values(),
    ]
    article = ArticleFactory(
        published=True, featured_image=image, body=f"Before.\n\n[[image {image.pk}]]\n\nAfter."
    )
    assert "/renditions/" in client.get(article.get_absolute_url()).content.decode()
    editor = Client()
    editor.force_login(people.editor())
    delete = reverse("admin:articles_image_delete", args=[image.pk])

    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(delete, {"post": "yes"}).status_code == 302

    assert not any(default_storage.exists(name) for name in names)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Before." in page and "After." in page
    assert not any(name.rsplit("/", 2)[-2] in page for name in names if "/renditions/" in name)
    assert image.file.name not in page


def test_the_librarys_list_shows_each_picture_from_its_smallest_copy():
    image = uploaded((2400, 1600))
    ensure_renditions(image)
    editor = Client()
    editor.force_login(people.editor())
    page = editor.get(reverse("admin:articles_image_changelist")).content.decode()
    assert f'src="{image.file.url}"' not in page
    assert 'class="nr-thumb" src="/media/renditions/' in page and '/320.jpg"' in page


def test_a_story_saved_while_its_pictures_copies_are_made_keeps_what_its_save_rendered(
    client, monkeypatch
):

    image = uploaded((1600, 1000))
    article = ArticleFactory(published=True, body=f"Old words.\n\n[[image {image.pk}]]")
    render = services.render_body

    def saved_meanwhile(source):
        # The writer saves a new text between the job reading the story and writing it back.
        if "Old words" in source:
            story = Article.objects.get(pk=article.pk)
            story.body = f"New words.\n\n[[image {image.pk}]]"
            story.save()
        return render(source)

    monkeypatch.setattr(services, "render_body", saved_meanwhile)
    make_image_renditions.call(image.pk)

    page = client.get(article.get_absolute_url()).content.decode()
    assert "New words." in page and "Old words." not in page


def test_an_animation_in_a_body_is_shown_as_uploaded_not_as_its_first_frame(client):
    frames = [PILImage.new("RGB", (600, 400), colour) for colour in ("red", "green", "blue")]
    gif = io.BytesIO()
    frames[0].save(gif, "GIF", save_all=True, append_images=frames[1:], duration=200, loop=0)
    image = Image(file=people.upload("wheel.gif", gif.getvalue(), "image/gif"), alt_text="Wheel")
    Image.objects.bulk_create([image])
    image = Image.objects.get(pk=image.pk)
    assert ensure_renditions(image) is True  # the cards' still copies are made
    article = ArticleFactory(published=True, body=f"[[image {image.pk}]]")

    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())

    assert source is None and img["src"] == image.file.url
    assert make_image_renditions.call(image.pk) is False  # done: never queued again


def test_a_picture_with_transparent_parts_is_shown_as_uploaded_in_a_body(client):
    chart = io.BytesIO()
    PILImage.new("RGBA", (800, 500), (20, 90, 160, 0)).save(chart, "PNG")
    image = Image(file=people.upload("chart.png", chart.getvalue()), alt_text="Fees by year")
    Image.objects.bulk_create([image])
    image = Image.objects.get(pk=image.pk)
    ensure_renditions(image)
    article = ArticleFactory(published=True, body=f"[[image {image.pk}]]")

    source, img = body_picture(client.get(article.get_absolute_url()).content.decode())

    # Not a JPEG copy whose transparent background would be black.
    assert source is None and img["src"] == image.file.url
