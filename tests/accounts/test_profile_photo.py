"""A profile photo: uploaded on the profile page, cleaned like every upload, cut into square
renditions and shown on the author page and in article bylines instead of an initial."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from accounts.models import User
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def photo(size=(600, 400), comment=b"Taken at 12 Quay Street"):
    out = io.BytesIO()
    PILImage.new("RGB", size, (120, 80, 40)).save(out, "JPEG", comment=comment)
    return SimpleUploadedFile("Me at home.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def amara(client):
    writer = people.writer(display_name="Amara Okafor")
    ArticleFactory(published=True, authors=[writer], slug="harbour-vote")
    client.force_login(writer)
    return writer


def upload_photo(client, amara, upload, **extra):
    data = {"display_name": amara.display_name, "bio": "", "avatar": upload, **extra}
    return client.post(reverse("accounts:profile"), data)


def test_a_writer_uploads_a_photo_that_is_cleaned_and_cut_into_square_renditions(client, amara):
    assert upload_photo(client, amara, photo()).status_code == 302
    amara.refresh_from_db()
    assert amara.avatar.name.startswith("avatars/") and "home" not in amara.avatar.name
    with amara.avatar.open("rb") as stored:
        assert b"Quay Street" not in stored.read()
    name = amara.avatar_renditions["jpeg"]["128"]
    with default_storage.open(name) as handle:
        assert PILImage.open(handle).size == (128, 128)


def test_the_author_page_and_the_byline_show_the_photo_instead_of_an_initial(client, amara):
    author_page = reverse("articles:author", args=[amara.slug])
    assert "author-header__initial" in client.get(author_page).content.decode()
    upload_photo(client, amara, photo())
    amara.refresh_from_db()
    client.logout()
    rendition = default_storage.url(amara.avatar_renditions["webp"]["128"])
    html = client.get(author_page).content.decode()
    assert "author-header__initial" not in html
    assert rendition in html and 'alt="Photo of Amara Okafor"' in html
    article = client.get(reverse("articles:detail", args=["harbour-vote"])).content.decode()
    byline = article.split('class="article__meta"', 1)[1].split("</div>", 1)[0]
    assert rendition.rsplit("/", 1)[0] in byline


def test_something_that_is_not_a_picture_is_refused_and_nothing_else_is_lost(client, amara):
    fake = SimpleUploadedFile("me.jpg", b"<svg onload=alert(1)>", content_type="image/jpeg")
    response = upload_photo(client, amara, fake, display_name="Amara O.")
    assert response.status_code == 400
    assert "not a picture we can use" in response.content.decode()
    assert 'value="Amara O."' in response.content.decode()  # what they typed is still there
    amara.refresh_from_db()
    assert not amara.avatar and amara.display_name == "Amara Okafor"


def test_replacing_or_removing_the_photo_deletes_the_old_files(client, amara):
    upload_photo(client, amara, photo())
    amara.refresh_from_db()
    first = [amara.avatar.name, *amara.avatar_renditions["jpeg"].values()]
    upload_photo(client, amara, photo(size=(300, 300)))
    amara.refresh_from_db()
    second = [amara.avatar.name, *amara.avatar_renditions["jpeg"].values()]
    assert not any(default_storage.exists(name) for name in first)
    assert all(default_storage.exists(name) for name in second)

    upload_photo(client, amara, "", **{"avatar-clear": "on"})
    amara = User.objects.get(pk=amara.pk)
    assert not amara.avatar and amara.avatar_renditions == {}
    assert not any(default_storage.exists(name) for name in second)


def test_a_photo_set_in_the_admin_is_cleaned_too(client):
    from django.contrib.auth.models import Permission

    admin_user = people.editor()
    admin_user.user_permissions.add(*Permission.objects.filter(codename__in=["change_user"]))
    writer = people.writer(username="ben")
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[writer.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value not in (None, False)}
    data.update(
        {"avatar": photo(), "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"},
        groups=[group.pk for group in writer.groups.all()],
    )
    data.pop("password", None)
    data.pop("last_login", None)
    data.pop("user_permissions", None)
    assert client.post(url, data).status_code == 302
    writer.refresh_from_db()
    with writer.avatar.open("rb") as stored:
        assert b"Quay Street" not in stored.read()
    assert writer.avatar_renditions["jpeg"]
