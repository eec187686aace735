"""The admin's "view on site" redirect (/admin/r/<type>/<id>/) tells a user an address only
for what they may open in the admin: a colleague's draft stays unknown to a writer."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def view_on_site(client, obj):
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(reverse("admin:view_on_site", args=[content_type.pk, obj.pk]))


def test_a_writer_gets_no_address_for_a_colleagues_draft(client):
    draft = ArticleFactory(authors=[people.writer()], slug="secret-merger-talks")
    client.force_login(people.writer())
    response = view_on_site(client, draft)
    assert response.status_code == 404
    assert "secret-merger-talks" not in response.get("Location", "")
    assert b"secret-merger-talks" not in response.content


def test_a_writer_is_sent_to_their_own_articles_address(client):
    writer = people.writer()
    draft = ArticleFactory(authors=[writer], slug="my-own-story")
    client.force_login(writer)
    response = view_on_site(client, draft)
    assert response.status_code == 302
    assert response["Location"].endswith("/articles/my-own-story/")


def test_an_editor_is_sent_to_any_articles_address(client):
    draft = ArticleFactory(authors=[people.writer()], status=Article.Status.IN_REVIEW)
    client.force_login(people.editor())
    assert view_on_site(client, draft).status_code == 302


def test_someone_outside_the_newsroom_is_sent_to_log_in(client):
    draft = ArticleFactory(slug="secret-merger-talks")
    client.force_login(UserFactory())
    response = view_on_site(client, draft)
    assert response.status_code == 302
    assert "secret-merger-talks" not in response["Location"].split("?next=")[0]
    assert reverse("admin:login") in response["Location"]


def test_a_writer_gets_no_address_for_an_account_they_cannot_see_in_the_admin(client):
    reader = UserFactory(username="private-reader")
    client.force_login(people.writer())
    assert view_on_site(client, reader).status_code == 404
