"""An import never changes the public navigation unless the editor asks: the categories
it creates have their pages and articles, but stay out of the category bar."""

import re

import pytest
from django.urls import reverse

from articles.models import Article, Category

from .conftest import UPLOADS, run_import

pytestmark = pytest.mark.django_db


def category_bar(client):
    page = client.get(reverse("articles:home")).content.decode()
    return re.search(r'<nav class="category-bar".*?</nav>', page, re.DOTALL)[0]


def test_categories_an_import_creates_stay_out_of_the_category_bar(client):
    Category.objects.create(name="Sport", slug="sport")
    report = run_import("--media-dir", str(UPLOADS))
    created = Category.objects.get(slug="harbour-news")
    assert "not in the category bar" in report
    bar = category_bar(client)
    assert "Sport" in bar
    assert "Harbour News" not in bar
    assert client.get(created.get_absolute_url()).status_code == 200
    assert Article.objects.filter(category__slug="council").exists()


def test_an_editor_can_ask_for_them_in_the_bar(client):
    run_import("--media-dir", str(UPLOADS), "--categories-in-bar")
    assert "Harbour News" in category_bar(client)


def test_the_admin_upload_leaves_them_out_of_the_bar_unless_ticked(client, admin_user):
    from .conftest import EXPORT

    client.force_login(admin_user)
    with EXPORT.open("rb") as export:
        response = client.post(reverse("admin:wordpress_wordpressimport_add"), {"export": export})
    assert response.status_code == 200
    assert not Category.objects.get(slug="harbour-news").in_category_bar
