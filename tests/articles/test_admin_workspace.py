"""The article change page as a workspace, as the server renders it: one bar of tools that
all lead somewhere, a headline kept on one line, and no error hidden in a folded section."""

import re

import pytest
from django.urls import reverse

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def tool_bar(html):
    bar = re.search(r'<nav class="nr-tools" aria-label="Article tools">(.*?)</nav>', html, re.S)
    assert bar, "no tool bar"
    return re.findall(r'<a\s+href="([^"]+)"[^>]*>([^<]+)', bar.group(1))


def change_page(client, article):
    return client.get(reverse("admin:articles_article_change", args=[article.pk]))


def test_an_editor_finds_every_tool_of_a_published_article_in_one_bar(client):
    editor = people.editor()
    article = ArticleFactory(published=True, slug="harbour-fees")
    client.force_login(editor)
    tools = {label: url for url, label in tool_bar(change_page(client, article).text)}
    assert tools["Preview as readers see it"].endswith(f"/{article.pk}/preview/")
    assert tools["History"].endswith(f"/{article.pk}/history/")
    assert tools["View on site"] == "/articles/harbour-fees/"
    assert "Send as a breaking-news alert" in tools
    assert "Make this a live page" in tools


def test_a_draft_has_no_view_on_site_link_that_would_answer_not_found(client):
    writer = people.writer()
    draft = ArticleFactory(authors=[writer])
    client.force_login(writer)
    labels = [label for _, label in tool_bar(change_page(client, draft).text)]
    assert labels == ["Preview as readers see it", "History"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_article_in_review_offers_an_editor_the_send_back_in_the_bar(client):
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    client.force_login(people.editor())
    labels = [label for _, label in tool_bar(change_page(client, article).text)]
    assert "Send back to the writer" in labels


def post_article(client, article, **changes):
    data = {
        "headline": article.headline,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "edit_version": article.lock_version,
        "category": article.category_id,
        "authors": [author.pk for author in article.authors.all()],
        "status": article.status,
        "feature_position": 0,
        "comments_open": "on",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
        **changes,
    }
    return client.post(reverse("admin:articles_article_change", args=[article.pk]), data)


def test_a_headline_typed_over_two_lines_is_saved_on_one(client):
    writer = people.writer()
    article = ArticleFactory(authors=[writer], category=CategoryFactory())
    client.force_login(writer)
    response = post_article(client, article, headline="Harbour fees rise\r\nagain  in May")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Harbour fees rise again in May"


def test_an_error_in_a_folded_section_is_shown_unfolded(client):
    writer = people.writer()
    article = ArticleFactory(authors=[writer], category=CategoryFactory())
    client.force_login(writer)
    response = post_article(client, article, seo_title="x" * 201)
    html = response.text
    assert response.status_code == 200
    error = html.index("Ensure this value has at most 200 characters")
    section = html[html.rfind("<fieldset", 0, error) : error]
    assert "Address, search and sharing" in section
    assert "<details" not in section  # a closed <details> would hide the error
