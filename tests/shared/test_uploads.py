"""Image uploads are checked by content; what is stored carries no metadata."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image as PILImage

from articles.models import Image
from shared.uploads import clean_image_upload
from tests import people

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def jpeg_with_gps_and_rotation():
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: show rotated 90° clockwise
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    return people.picture_bytes(size=(60, 20), fmt="JPEG", exif=exif.tobytes())


def png_header_only(width, height):
    def chunk(kind, body):
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def test_a_photo_is_stored_without_exif_or_gps_and_upright():
    original = jpeg_with_gps_and_rotation()
    assert PILImage.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)  # the test is real
    cleaned = clean_image_upload(people.upload("holiday.jpg", original, "image/jpeg"))
    stored = PILImage.open(io.BytesIO(cleaned.read()))
    assert stored.format == "JPEG"
    assert stored.size == (20, 60)  # orientation applied to the pixels
    assert not stored.getexif()
    assert b"PhoneMaker" not in cleaned.file.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("logo.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
        ("page.jpg", b"<html><script>alert(1)</script></html>"),
        ("archive.png", b"PK\x03\x04 not a picture at all"),
        ("empty.jpg", b""),
    ],
)
def test_anything_that_is_not_a_raster_picture_is_refused_whatever_its_name(name, data):
    with pytest.raises(ValidationError, match="not a picture we can use"):
        clean_image_upload(people.upload(name, data, "image/jpeg"))


def test_a_raster_format_we_do_not_serve_is_refused_by_name():
    data = people.picture_bytes(fmt="BMP")
    with pytest.raises(ValidationError, match="BMP pictures are not accepted"):
        clean_image_upload(people.upload("scan.jpg", data))


def test_a_truncated_picture_is_refused():
    data = people.picture_bytes(size=(200, 200), fmt="PNG")[:120]
    with pytest.raises(ValidationError):
        clean_image_upload(people.upload("cut.png", data))


def test_too_many_pixels_is_refused_with_a_clear_message(settings):
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1_000_000
    data = people.picture_bytes(size=(2000, 1000))
    with pytest.raises(ValidationError, match=r"too large \(2000×1000\): at most 1 megapixels"):
        clean_image_upload(people.upload("huge.png", data))


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    # A few bytes of PNG whose header claims 30000×30000 pixels: decoding would eat gigabytes.
    data = png_header_only(30000, 30000)
    assert len(data) < 100
    with pytest.raises(ValidationError, match="too large"):
        clean_image_upload(people.upload("bomb.png", data))


def test_too_many_bytes_is_refused(settings):
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1024
    data = people.picture_bytes(size=(300, 300), fmt="BMP")
    with pytest.raises(ValidationError, match="at most 0 MB|MB"):
        clean_image_upload(people.upload("big.png", data))


@pytest.mark.django_db
def test_a_writer_uploads_through_the_admin_and_a_fake_is_refused_there_too(client):
    client.force_login(people.writer())
    url = reverse("admin:articles_image_add")
    fake = people.upload("cat.jpg", b"<svg></svg>", "image/jpeg")
    response = client.post(url, {"file": fake, "alt_text": "A cat"})
    assert "not a picture we can use" in response.content.decode()
    assert not Image.objects.exists()

    photo = people.upload("boat.jpg", jpeg_with_gps_and_rotation(), "image/jpeg")
    assert client.post(url, {"file": photo, "alt_text": "A boat"}).status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as stored:
        assert not PILImage.open(stored).getexif()
    assert (image.width, image.height) == (20, 60)


SOURCE_NOTE = b"Shot by source: Jane Doe, +44 7700 900123"


def a_colour_profile():
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def test_a_jpeg_comment_is_not_stored_but_its_colour_profile_is():
    profile = a_colour_profile()
    original = people.picture_bytes(fmt="JPEG", comment=SOURCE_NOTE, icc_profile=profile)
    assert SOURCE_NOTE in original  # the test is real: a COM segment carries the note
    cleaned = clean_image_upload(people.upload("tip.jpg", original, "image/jpeg")).read()
    assert SOURCE_NOTE not in cleaned
    stored = PILImage.open(io.BytesIO(cleaned))
    assert "comment" not in stored.info
    assert stored.info.get("icc_profile") == profile


def test_a_gif_comment_is_not_stored_and_its_transparency_is_kept():
    picture = PILImage.new("P", (30, 20), 1)
    picture.putpixel((0, 0), 2)
    out = io.BytesIO()
    picture.save(out, format="GIF", comment=SOURCE_NOTE, transparency=1)
    assert SOURCE_NOTE in out.getvalue()
    cleaned = clean_image_upload(people.upload("tip.gif", out.getvalue(), "image/gif")).read()
    assert SOURCE_NOTE not in cleaned
    stored = PILImage.open(io.BytesIO(cleaned))
    assert "comment" not in stored.info
    shown = stored.convert("RGBA")
    assert shown.getpixel((5, 5))[3] == 0  # the see-through background stays see-through
    assert shown.getpixel((0, 0))[3] == 255


def test_a_webp_or_png_keeps_nothing_but_its_colour_profile():
    profile = a_colour_profile()
    for fmt in ("PNG", "WEBP"):
        original = people.picture_bytes(fmt=fmt, icc_profile=profile, exif=b"Exif\x00\x00")
        cleaned = clean_image_upload(people.upload(f"x.{fmt.lower()}", original)).read()
        stored = PILImage.open(io.BytesIO(cleaned))
        assert stored.info.get("icc_profile") == profile
        assert not stored.getexif()


def hidden_note(fmt):
    from PIL.PngImagePlugin import PngInfo

    if fmt == "PNG":
        text = PngInfo()
        text.add_text("Comment", SOURCE_NOTE.decode())
        return {"pnginfo": text}
    if fmt == "WEBP":
        exif = PILImage.Exif()
        exif[0x010E] = SOURCE_NOTE.decode()  # ImageDescription
        return {"exif": exif.tobytes()}
    return {"comment": SOURCE_NOTE}


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_stored_metadata_is_found_in_an_old_file_and_never_in_a_cleaned_one(fmt):
    from django.core.files.base import File

    from shared.uploads import has_hidden_metadata

    original = people.picture_bytes(fmt=fmt, **hidden_note(fmt))
    assert has_hidden_metadata(File(io.BytesIO(original), name="original"))
    cleaned = clean_image_upload(people.upload(f"x.{fmt.lower()}", original))
    assert not has_hidden_metadata(File(io.BytesIO(cleaned.read()), name=cleaned.name))
