"""A writer sets a profile photo in a real browser (a multipart form) and readers see it."""

import io

import pytest
from PIL import Image as PILImage
from playwright.sync_api import expect

from tests import people
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_writer_uploads_a_photo_and_the_author_page_and_byline_show_it(
    page, tmp_path, screenshot
):
    writer = people.writer(username="amara", display_name="Amara Okafor")
    ArticleFactory(published=True, authors=[writer], slug="harbour-vote", headline="Harbour vote")
    picture = tmp_path / "amara.jpg"
    buffer = io.BytesIO()
    PILImage.new("RGB", (500, 400), (150, 90, 60)).save(buffer, "JPEG")
    picture.write_bytes(buffer.getvalue())

    page.goto("/accounts/login/?next=/accounts/profile/")
    page.get_by_label("Username").fill("amara")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Photo").set_input_files(str(picture))
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Your profile is saved.")).to_be_visible()

    page.goto(f"/author/{writer.slug}/")
    photo = page.get_by_role("img", name="Photo of Amara Okafor")
    expect(photo).to_be_visible()
    # Shown is not loaded: the browser says when the picture has come (or failed to).
    expect(photo).to_have_js_property("complete", True)
    assert photo.evaluate("img => img.naturalWidth") > 0
    assert "/media/renditions/" in photo.evaluate("img => img.currentSrc")
    assert page.locator(".author-header__initial").count() == 0
    screenshot("author-page-with-photo")

    page.goto("/articles/harbour-vote/")
    byline_photo = page.locator(".article__byline-photo")
    expect(byline_photo).to_be_visible()
    expect(byline_photo).to_have_js_property("complete", True)
    assert byline_photo.evaluate("img => img.naturalWidth") > 0
    photo_box = byline_photo.bounding_box()
    name_box = page.locator(".article__byline a").bounding_box()
    assert photo_box["width"] == 40
    # Beside the name, not on a line of its own.
    middle = lambda box: box["y"] + box["height"] / 2  # noqa: E731
    assert abs(middle(photo_box) - middle(name_box)) < 8
    screenshot("byline-with-photo")
