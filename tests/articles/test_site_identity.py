import importlib

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, clear_url_caches, reverse

from articles.models import SiteIdentity
from tests.articles.seo_factories import make_author

pytestmark = pytest.mark.django_db


def ensure_admin_urls():
    # The admin's URLs are built once; if an earlier test built them before the admin
    # registered its models, build them again.
    try:
        reverse("admin:articles_siteidentity_add")
    except NoReverseMatch:
        importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
        clear_url_caches()


@pytest.fixture
def editor_client(client):
    ensure_admin_urls()
    client.force_login(make_author(is_staff=True, is_superuser=True))
    return client


def test_without_a_row_the_site_uses_the_settings(settings):
    settings.SITE_NAME = "Settings Name"
    settings.LANGUAGE_CODE = "fr"
    identity = SiteIdentity.current()
    assert (identity.name, identity.language, identity.pk) == ("Settings Name", "fr", None)


def test_site_identity_is_a_single_row(db):
    SiteIdentity.objects.create(name="One")
    SiteIdentity(name="Two").save()
    assert list(SiteIdentity.objects.values_list("name", flat=True)) == ["Two"]


def test_an_editor_sets_the_identity_in_the_admin_and_every_page_shows_it(editor_client):
    assert editor_client.get("/admin/articles/siteidentity/").url == reverse(
        "admin:articles_siteidentity_add"
    )
    response = editor_client.post(
        reverse("admin:articles_siteidentity_add"),
        {"name": "The Harbour Herald", "tagline": "Tides and town", "language": "en-GB"},
    )
    assert response.status_code == 302
    html = editor_client.get("/").content.decode()
    assert '<meta property="og:site_name" content="The Harbour Herald">' in html
    # Once it exists, the admin edits that row: no second one, no deleting it.
    assert editor_client.get("/admin/articles/siteidentity/").url == reverse(
        "admin:articles_siteidentity_change", args=[1]
    )
    assert editor_client.get(reverse("admin:articles_siteidentity_add")).status_code == 403
    delete = reverse("admin:articles_siteidentity_delete", args=[1])
    assert editor_client.post(delete, {"post": "yes"}).status_code == 403
    assert SiteIdentity.objects.count() == 1


def test_a_blank_name_is_refused_with_a_message(editor_client):
    response = editor_client.post(
        reverse("admin:articles_siteidentity_add"), {"name": "", "language": "en"}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not SiteIdentity.objects.exists()
