"""The picture picker's server side: search the library, upload in place, and the
featured-image field that opens it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.models import Image
from tests import people
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SEARCH = "admin:articles_article_image_library"
UPLOAD = "admin:articles_article_image_upload"


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


def library(*specs):
    """Images made in the order given, each an hour after the one before."""
    made = [ImageFactory(**spec) for spec in specs]
    start = made[0].created_at
    for hours, image in enumerate(made):
        Image.objects.filter(pk=image.pk).update(created_at=start + timedelta(hours=hours))
    return made


def found(client, **params):
    response = client.get(reverse(SEARCH), params)
    assert response.status_code == 200
    return response.json()


def alts(data):
    return [image["alt"] for image in data["images"]]


def test_the_library_lists_the_newest_picture_first_with_what_tells_pictures_apart(
    editor_client,
):
    library({"alt_text": "Boats at dawn"}, {"alt_text": "Boats at dusk", "credit": "Li Wei"})
    data = found(editor_client)
    assert alts(data) == ["Boats at dusk", "Boats at dawn"]
    item = data["images"][0]
    assert item["credit"] == "Li Wei"
    assert (item["width"], item["height"]) == (800, 600)
    assert item["has_alt"] is True
    assert item["date"] and item["caption"] == "The harbour on Tuesday morning."


@pytest.mark.parametrize(
    ("field", "query"),
    [("alt_text", "lighthouse"), ("caption", "regatta"), ("credit", "okafor")],
)
def test_a_search_finds_pictures_by_alt_text_caption_or_credit(editor_client, field, query):
    library({"alt_text": "Cranes"}, {field: f"The {query.title()} picture"})
    assert alts(found(editor_client, q=query)) == [Image.objects.first().alt_text]
    assert len(found(editor_client, q=query)["images"]) == 1


def test_a_search_finds_pictures_by_tag(editor_client):
    cranes, quay = library({"alt_text": "Cranes"}, {"alt_text": "The quay"})
    cranes.tags.add("Port of Leith")
    data = found(editor_client, q="leith")
    assert alts(data) == ["Cranes"]
    assert data["images"][0]["tags"] == ["Port of Leith"]


def test_the_library_comes_in_pages_of_24(editor_client):
    library(*[{"alt_text": f"Picture {n}", "renditions_made": False} for n in range(30)])
    first = found(editor_client)
    assert len(first["images"]) == 24 and first["next_page"] == 2
    assert first["images"][0]["alt"] == "Picture 29"
    second = found(editor_client, page=2)
    assert alts(second) == [f"Picture {n}" for n in range(5, -1, -1)]
    assert second["next_page"] is None


def test_the_search_asks_a_bounded_number_of_queries(editor_client, django_assert_max_num_queries):
    pictures = library(*[{"alt_text": f"Picture {n}", "renditions_made": False} for n in range(24)])
    for picture in pictures:
        picture.tags.add("harbour", "boats")
    with django_assert_max_num_queries(5):
        assert len(found(editor_client, q="picture")["images"]) == 24


def test_a_thumbnail_is_the_smallest_rendition_or_the_original_until_it_is_made(editor_client):
    made, waiting = library({"alt_text": "Made"}, {"alt_text": "Waiting", "renditions_made": False})
    items = {item["alt"]: item for item in found(editor_client)["images"]}
    made.refresh_from_db()
    assert items["Made"]["thumbnail_url"].endswith(made.renditions["jpeg"]["320"])
    assert items["Waiting"]["thumbnail_url"] == waiting.file.url


def test_readers_and_staff_without_the_image_permission_cannot_search(client):
    library({"alt_text": "Cranes"})
    client.force_login(people.reader())
    assert client.get(reverse(SEARCH)).status_code == 302  # to the admin's login
    client.force_login(people.UserFactory(is_staff=True))
    assert client.get(reverse(SEARCH)).status_code == 403


def upload(client, **fields):
    data = {"file": people.upload(), "alt_text": "A crane lifts a container", **fields}
    return client.post(reverse(UPLOAD), {k: v for k, v in data.items() if v is not None})


def test_an_upload_with_alt_text_is_stored_as_the_admin_would_and_answers_its_item(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(editor_client, caption="At the quay", credit="Ana Reyes")
    assert response.status_code == 201
    item = response.json()
    image = Image.objects.get()
    assert item["id"] == image.pk and item["alt"] == "A crane lifts a container"
    assert (item["caption"], item["credit"]) == ("At the quay", "Ana Reyes")
    assert image.uploaded_by.is_staff
    assert image.renditions["jpeg"]  # made by the job, as for the admin's form


@pytest.mark.parametrize("alt_text", [None, "", "   "])
def test_an_upload_without_alt_text_is_refused_and_keeps_nothing(
    editor_client, media_root, alt_text
):
    response = upload(editor_client, alt_text=alt_text)
    assert response.status_code == 400
    assert "Add alt text" in response.json()["message"]
    assert not Image.objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_an_upload_of_a_file_that_is_no_picture_gets_the_admins_message(editor_client):
    fake = people.upload("photo.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/jpeg")
    response = upload(editor_client, file=fake)
    assert response.status_code == 400
    assert "This file is not a picture we can use" in response.json()["errors"]["file"][0]
    assert not Image.objects.exists()


def test_a_writer_may_upload_but_staff_without_the_permission_may_not(client):
    client.force_login(people.writer())
    assert upload(client).status_code == 201
    client.force_login(people.UserFactory(is_staff=True))
    assert upload(client).status_code == 403
    assert Image.objects.count() == 1


def test_the_image_admin_edits_a_pictures_tags(editor_client):
    (image,) = library({"alt_text": "Cranes"})
    data = {
        "alt_text": "Cranes",
        "caption": "",
        "credit": "",
        "licence": "",
        "tags": "docks, Leith",
    }
    response = editor_client.post(reverse("admin:articles_image_change", args=[image.pk]), data)
    assert response.status_code == 302
    assert sorted(tag.name for tag in image.tags.all()) == ["Leith", "docks"]


def test_the_featured_image_field_shows_the_picture_and_the_pickers_buttons(editor_client):
    (image,) = library({"alt_text": "Cranes over the quay"})
    article = ArticleFactory(featured_image=image)
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = html.content.decode()
    assert 'data-picture-chooser data-input="id_featured_image"' in html
    assert f'name="featured_image" value="{image.pk}"' in html
    assert "Cranes over the quay" in html
    assert "Choose picture" in html
    assert 'id="nr-picker"' in html and 'data-upload-url="' in html
