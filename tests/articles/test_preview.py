"""Staff preview unpublished articles as readers will see them; nobody else can."""

import pytest
from django.urls import reverse

from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def preview_url(article):
    return reverse("admin:articles_article_preview", args=[article.pk])


def test_an_editor_previews_a_draft_as_readers_will_see_it(client):
    draft = ArticleFactory(headline="Unreleased budget story", body="## The numbers\n\nBig.")
    client.force_login(people.editor())
    response = client.get(preview_url(draft))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Unreleased budget story" in html
    assert "<h2>The numbers</h2>" in html
    assert "Preview — Draft" in html


def test_a_preview_is_never_cached_and_never_indexed(client):
    client.force_login(people.editor())
    response = client.get(preview_url(ArticleFactory()))
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()


def test_a_writer_previews_their_own_draft_but_not_someone_elses(client):
    writer = people.writer()
    client.force_login(writer)
    assert client.get(preview_url(ArticleFactory(authors=[writer]))).status_code == 200
    assert client.get(preview_url(ArticleFactory())).status_code == 404


def test_readers_and_strangers_cannot_preview(client):
    draft = ArticleFactory()
    assert client.get(preview_url(draft)).status_code == 302
    client.force_login(people.reader())
    assert client.get(preview_url(draft)).status_code == 302


def test_the_public_page_of_a_draft_stays_a_404(client):
    draft = ArticleFactory()
    client.force_login(people.editor())
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_change_form_links_to_the_preview(client):
    draft = ArticleFactory()
    client.force_login(people.editor())
    page = client.get(reverse("admin:articles_article_change", args=[draft.pk]))
    assert preview_url(draft) in page.content.decode()
