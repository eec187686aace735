"""Small things a newcomer met in the admin: each as the editor sees it."""

import re
import uuid
from datetime import UTC, datetime
from html import unescape

import pytest
from django.contrib.staticfiles import finders
from taggit.utils import parse_tags

from tests import people
from tests.factories import ArticleFactory, UserFactory
from webhooks.models import Delivery, Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


def test_an_address_that_names_no_article_is_the_admins_no_such_article_not_an_error(
    editor_client,
):
    article = ArticleFactory(published=True)
    response = editor_client.get(
        f"/admin/articles/article/{article.pk}/change/widgets.css/change/", follow=True
    )
    assert response.status_code == 200
    assert "doesn’t exist" in response.content.decode()


def test_admin_pages_show_the_sites_favicon(client):
    response = client.get("/admin/login/")
    assert '<link rel="icon" href="/static/img/favicon.svg"' in response.content.decode()
    assert finders.find("img/favicon.svg")


def test_the_sidebar_names_apps_and_models_in_plain_english(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get("/admin/").content.decode()
    assert "Deliverys" not in html
    assert ">Deliveries<" in html
    assert ">Taggit<" not in html
    assert ">Tags<" in html


def test_the_webhook_delivery_log_shows_times_as_the_admin_does(editor_client, settings):
    settings.TIME_ZONE = "Europe/London"
    endpoint = Endpoint.objects.create(name="Partner", url="https://partner.example/hook")
    attempted = datetime(2026, 12, 5, 16, 23, 42, 817535, tzinfo=UTC)
    Delivery.objects.create(
        endpoint=endpoint,
        event="article.published",
        event_id=uuid.uuid4(),
        payload={},
        attempted_at=attempted,
    )
    html = editor_client.get(f"/admin/webhooks/endpoint/{endpoint.pk}/change/").content.decode()
    assert "817535" not in html
    assert "Dec. 5, 2026, 4:23 p.m." in html


def shown_tags(editor_client, article):
    html = editor_client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    return unescape(re.search(r'<input type="text" name="tags" value="([^"]*)"', html)[1])


def test_tags_redisplay_as_typed_without_quotes(editor_client):
    article = ArticleFactory(published=True)
    article.tags.set(["Ukraine war", "North Korea"])
    assert shown_tags(editor_client, article) == "North Korea, Ukraine war"


@pytest.mark.parametrize(
    "names",
    [
        ["North Korea", "Ukraine war"],
        ["North Korea"],
        ["harbour"],
        ["harbour", "fees"],
        ["Smith, John", "harbour"],
    ],
)
def test_the_tags_as_shown_save_back_as_the_same_tags(editor_client, names):
    article = ArticleFactory(published=True)
    article.tags.set(names)
    assert sorted(parse_tags(shown_tags(editor_client, article))) == sorted(names)
