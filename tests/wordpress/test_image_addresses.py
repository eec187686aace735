"""Old picture addresses keep working: /wp-content/uploads/... (and the resized copies
WordPress made) answer 301 with the imported picture's file."""

import pytest

from articles.models import Image

from .conftest import EXPORT, UPLOADS, run_import

pytestmark = pytest.mark.django_db

NO_SIZES = 's:17:"2024/03/boats.jpg";s:8:"filesize";i:850;s:5:"sizes";a:0:{}'
ONE_SIZE = (
    's:17:"2024/03/boats.jpg";s:8:"filesize";i:850;s:5:"sizes";a:1:{s:6:"medium";a:4:{'
    's:4:"file";s:17:"boats-300x200.jpg";s:5:"width";i:300;s:6:"height";i:200;'
    's:9:"mime-type";s:10:"image/jpeg";}}'
)


@pytest.fixture
def boats(tmp_path):
    text = EXPORT.read_text()
    assert NO_SIZES in text
    path = tmp_path / "export.xml"
    path.write_text(text.replace(NO_SIZES, ONE_SIZE, 1))
    run_import("--media-dir", str(UPLOADS), path=path)
    return Image.objects.get(alt_text="Fishing boats moored behind the broken wall")


@pytest.mark.parametrize(
    "old",
    ["/wp-content/uploads/2024/03/boats.jpg", "/wp-content/uploads/2024/03/boats-300x200.jpg"],
)
def test_an_old_picture_address_answers_301_with_the_new_file(client, boats, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == boats.file.url


def test_an_unknown_old_upload_address_is_still_a_404(client, boats):
    assert client.get("/wp-content/uploads/2024/03/nothing.jpg").status_code == 404


def test_the_old_address_follows_a_replaced_file(client, boats):
    from articles.services import image_replace_file
    from tests import people

    image_replace_file(
        image=boats, upload=people.upload("new.jpg", people.picture_bytes(fmt="JPEG"))
    )
    boats.refresh_from_db()
    response = client.get("/wp-content/uploads/2024/03/boats.jpg")
    assert response["Location"] == boats.file.url
