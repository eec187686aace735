"""Where a library picture is used, told before an editor changes or deletes it: the stories
that show it (featured, social or in the body) on its change page and on the page that asks
to delete it."""

import pytest
from django.test import Client
from django.urls import reverse

from tests import people
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    client = Client()
    client.force_login(people.editor())
    return client


def test_a_pictures_page_lists_the_stories_that_show_it(editor):
    picture = ImageFactory()
    in_body = ArticleFactory(published=True, headline="Fees rise", body=f"[[image {picture.pk}]]")
    featured = ArticleFactory(headline="Quay plans", featured_image=picture)
    ArticleFactory(published=True, headline="Other news", body=f"[[image {picture.pk + 1}]]")

    page = editor.get(reverse("admin:articles_image_change", args=[picture.pk])).content.decode()

    assert "Shown by" in page
    assert (
        f'href="{reverse("admin:articles_article_change", args=[in_body.pk])}">Fees rise</a>'
        in page
    )
    assert (
        f'href="{reverse("admin:articles_article_change", args=[featured.pk])}">Quay plans</a>'
        in page
    )
    assert "(published)" in page and "(draft)" in page
    assert "Other news" not in page


def test_an_unused_picture_says_so(editor):
    picture = ImageFactory()
    page = editor.get(reverse("admin:articles_image_change", args=[picture.pk])).content.decode()
    assert "No story shows this picture." in page


def test_deleting_a_picture_in_use_warns_which_stories_will_lose_it(editor):
    picture = ImageFactory()
    ArticleFactory(published=True, headline="Fees rise", body=f"[[image {picture.pk}]]")
    ArticleFactory(published=True, headline="Quay plans", featured_image=picture)

    page = editor.get(reverse("admin:articles_image_delete", args=[picture.pk])).content.decode()

    assert "2 stories show this picture." in page
    assert "Fees rise</a>" in page and "Quay plans</a>" in page
    assert 'role="alert"' in page

    unused = ImageFactory()
    page = editor.get(reverse("admin:articles_image_delete", args=[unused.pk])).content.decode()
    assert "show this picture" not in page and "Are you sure" in page
