import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template import Context, Template
from PIL import Image as PILImage

from articles.images import focal_crop_box
from articles.models import Image
from tests.articles.factories import ImageFactory, picture_file

pytestmark = pytest.mark.django_db


def open_rendition(name):
    with default_storage.open(name) as handle:
        picture = PILImage.open(handle)
        picture.load()
        return picture


def test_an_upload_gets_webp_and_jpeg_renditions_at_several_widths():
    image = ImageFactory(file=picture_file(1600, 1000))
    image.refresh_from_db()
    assert sorted(image.renditions["webp"], key=int) == ["320", "480", "720", "960", "1280"]
    assert image.renditions["jpeg"].keys() == image.renditions["webp"].keys()
    webp = open_rendition(image.renditions["webp"]["480"])
    jpeg = open_rendition(image.renditions["jpeg"]["480"])
    assert (webp.format, webp.size) == ("WEBP", (480, 320))
    assert (jpeg.format, jpeg.size) == ("JPEG", (480, 320))


def test_an_upload_gets_its_renditions_from_a_background_job_after_it_commits(
    job_queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = ImageFactory(file=picture_file(1600, 1000), renditions_made=False)
    assert Image.objects.get(pk=image.pk).renditions == {}, "the upload does not wait"
    job_queue.run()
    assert "480" in Image.objects.get(pk=image.pk).renditions["webp"]
    assert job_queue.jobs().get().return_value is True


def test_renditions_are_made_once_not_on_every_save(monkeypatch):
    image = ImageFactory()
    made = image.renditions
    monkeypatch.setattr("shared.renditions.make_renditions", lambda *a, **k: pytest.fail("remade"))
    image.caption = "A new caption"
    image.save()
    assert Image.objects.get(pk=image.pk).renditions == made


def test_a_small_picture_is_never_enlarged():
    image = ImageFactory(file=picture_file(300, 200))
    assert list(image.renditions["jpeg"]) == ["300"]


def test_a_picture_that_cannot_be_read_keeps_its_original_and_gets_no_renditions(
    caplog, django_capture_on_commit_callbacks
):
    image = ImageFactory()
    with open(image.file.path, "wb") as handle:
        handle.write(b"not a picture any more")
    image.renditions = {}
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    assert Image.objects.get(pk=image.pk).renditions == {}
    assert "Could not make renditions" in caplog.text


@pytest.mark.parametrize(
    ("focal", "expected_left"),
    [((0.0, 0.5), 0), ((1.0, 0.5), 500), ((0.5, 0.5), 250), ((None, None), 250)],
)
def test_crops_keep_the_focal_point_in_the_picture(focal, expected_left):
    # A 2000x1000 picture cropped to 3:2 keeps a 1500x1000 box, slid towards the focus.
    assert focal_crop_box(2000, 1000, *focal) == (expected_left, 0, expected_left + 1500, 1000)


def test_the_crop_follows_the_focal_point_of_the_image(django_capture_on_commit_callbacks):
    left_red = PILImage.new("RGB", (2000, 1000), (0, 0, 255))
    left_red.paste((255, 0, 0), (0, 0, 400, 1000))
    buffer = io.BytesIO()
    left_red.save(buffer, "PNG")
    image = Image(file=ContentFile(buffer.getvalue(), name="split.png"), focal_x=0.0)
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    image.refresh_from_db()
    first_pixel = open_rendition(image.renditions["jpeg"]["320"]).getpixel((2, 100))
    assert first_pixel[0] > 200 and first_pixel[2] < 60


def render_picture(image, **options):
    args = " ".join(
        f'{key}="{value}"' if isinstance(value, str) else f"{key}={value}"
        for key, value in options.items()
    )
    template = Template("{% load article_tags %}{% picture image " + args + " %}")
    return template.render(Context({"image": image}))


def test_the_picture_tag_offers_webp_with_a_jpeg_fallback_sized_to_its_slot():
    image = ImageFactory(file=picture_file(1600, 1000))
    html = render_picture(image, sizes="(min-width: 60rem) 30rem, 100vw")
    assert '<source type="image/webp" srcset="/media/renditions/' in html
    assert " 320w, " in html and " 1280w" in html
    assert 'sizes="(min-width: 60rem) 30rem, 100vw"' in html
    assert 'width="720" height="480"' in html
    assert 'alt="Fishing boats tied up in the harbour at dawn"' in html
    assert 'loading="lazy"' in html and "fetchpriority" not in html


def test_the_lead_picture_loads_at_once_with_high_priority():
    html = render_picture(ImageFactory(), lead=True)
    assert 'fetchpriority="high"' in html
    assert 'loading="lazy"' not in html


def test_an_image_without_renditions_falls_back_to_the_original_file():
    image = ImageFactory()
    Image.objects.filter(pk=image.pk).update(renditions={})
    image.refresh_from_db()
    html = render_picture(image, alt="")
    assert f'src="{image.file.url}"' in html
    assert f'width="{image.width}" height="{image.height}"' in html
    assert 'alt=""' in html
