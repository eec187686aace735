"""Pictures brought in by the importer are cleaned like an editor's upload: no camera
location, no comment, nothing but the pixels is served to readers."""

import io
import shutil

import pytest
from PIL import Image as PILImage

from articles.models import Image

from .conftest import UPLOADS, run_import

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def jpeg_with_gps_and_comment():
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)})
    out = io.BytesIO()
    PILImage.new("RGB", (120, 80), "navy").save(
        out, format="JPEG", exif=exif.tobytes(), comment=b"taken at 12 Quay Street"
    )
    return out.getvalue()


def test_an_imported_photo_is_stored_without_gps_or_comment(tmp_path):
    media_dir = tmp_path / "uploads"
    shutil.copytree(UPLOADS, media_dir)
    original = jpeg_with_gps_and_comment()
    with PILImage.open(io.BytesIO(original)) as check:  # the test is real
        assert check.getexif().get_ifd(GPS_IFD) and check.info["comment"]
    (media_dir / "2024" / "03" / "boats.jpg").write_bytes(original)

    run_import("--media-dir", str(media_dir))

    image = Image.objects.get(alt_text="Fishing boats moored behind the broken wall")
    with image.file.open("rb") as handle:
        stored = handle.read()
    with PILImage.open(io.BytesIO(stored)) as picture:
        assert picture.format == "JPEG" and picture.size == (120, 80)
        assert not picture.getexif().get_ifd(GPS_IFD)
        assert "comment" not in picture.info
    assert b"Quay Street" not in stored and b"PhoneMaker" not in stored
