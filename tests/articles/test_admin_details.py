"""Small things a newcomer met in the admin (issue 22): each as the editor sees it."""

import pytest
from django.contrib.staticfiles import finders

from tests.articles import newsroom
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(newsroom.editor())
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
