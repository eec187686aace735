"""Who may change a library image: its uploader while no published article uses it, and
editors always. Checked on the server, forged POSTs included."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article, Image
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara():
    return people.writer(username="amara")


@pytest.fixture
def lucas():
    return people.writer(username="lucas")


def image_of(user, **kwargs):
    return people.library_image(uploaded_by=user, caption="Original caption", **kwargs)


def forged_edit(client, image, **changes):
    data = {"alt_text": image.alt_text, "caption": "Changed by a forged POST", **changes}
    return client.post(reverse("admin:articles_image_change", args=[image.pk]), data)


def caption_of(image):
    return Image.objects.get(pk=image.pk).caption


def test_a_writer_changes_their_own_image_while_no_published_article_uses_it(client, amara):
    image = image_of(amara)
    ArticleFactory(authors=[amara], featured_image=image)  # a draft
    client.force_login(amara)
    assert forged_edit(client, image).status_code == 302
    assert caption_of(image) == "Changed by a forged POST"


def test_a_writer_cannot_change_a_colleagues_image(client, amara, lucas):
    image = image_of(lucas)
    client.force_login(amara)
    assert forged_edit(client, image).status_code == 403
    assert caption_of(image) == "Original caption"


@pytest.mark.parametrize("use", ["featured_image", "social_image", "body"])
def test_a_writer_cannot_change_their_own_image_once_a_published_article_uses_it(
    client, amara, use
):
    image = image_of(amara)
    if use == "body":
        ArticleFactory(published=True, body=f"Intro.\n\n[[Image {image.pk}: The quay]]\n")
    else:
        ArticleFactory(published=True, **{use: image})
    client.force_login(amara)
    assert forged_edit(client, image).status_code == 403
    assert caption_of(image) == "Original caption"


def test_a_scheduled_article_protects_its_picture_too(client, amara):
    image = image_of(amara)
    ArticleFactory(scheduled=True, featured_image=image)
    client.force_login(amara)
    assert forged_edit(client, image).status_code == 403


def test_an_image_with_a_longer_number_in_a_body_is_not_mistaken_for_this_one(client, amara):
    image = image_of(amara)
    ArticleFactory(published=True, body=f"[[image {image.pk}0]]\n\n[[image 9{image.pk}]]")
    client.force_login(amara)
    assert forged_edit(client, image).status_code == 302


def test_a_writer_sees_a_protected_image_read_only(client, amara, lucas):
    image = image_of(lucas)
    client.force_login(amara)
    page = client.get(reverse("admin:articles_image_change", args=[image.pk]))
    assert page.status_code == 200
    assert 'name="caption"' not in page.content.decode()


def test_even_with_delete_rights_a_writer_cannot_delete_a_colleagues_image(client, amara, lucas):
    from django.contrib.auth.models import Permission

    image = image_of(lucas)
    amara.user_permissions.add(Permission.objects.get(codename="delete_image"))
    client.force_login(amara)
    url = reverse("admin:articles_image_changelist")
    data = {"action": "delete_selected", "_selected_action": [image.pk], "post": "yes"}
    client.post(url, data)
    client.post(reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"})
    assert Image.objects.filter(pk=image.pk).exists()


def test_an_editor_changes_the_picture_of_a_published_article(client, lucas):
    image = image_of(lucas)
    ArticleFactory(published=True, featured_image=image)
    client.force_login(people.editor())
    assert forged_edit(client, image).status_code == 302
    assert caption_of(image) == "Changed by a forged POST"


def test_the_rule_counts_only_articles_past_review():
    image = people.library_image()
    ArticleFactory(status=Article.Status.IN_REVIEW, featured_image=image)
    assert not services.image_in_public_use(image)
    ArticleFactory(published=True, social_image=image)
    assert services.image_in_public_use(image)
