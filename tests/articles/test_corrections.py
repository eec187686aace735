"""Corrections: dated public notes, newest first, that mark the article as updated."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse

from articles import services
from articles.models import Article
from newsroom.cache import content_version
from tests.articles import newsroom
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_corrections_show_newest_first_with_their_dates():
    editor = newsroom.editor()
    article = ArticleFactory(published=True)
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC)):
        services.correction_add(article=article, user=editor, note="The vote was on Tuesday.")
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=UTC)):
        services.correction_add(article=article, user=editor, note="Added the mayor's reply.",
                                kind="update")  # fmt: skip
    article = Article.objects.prefetch_related("corrections").get(pk=article.pk)
    html = render_to_string("articles/_corrections.html", {"article": article})
    assert html.index("Added the mayor") < html.index("The vote was on Tuesday")
    assert '<time datetime="2026-03-01' in html
    assert "<strong>Update</strong>" in html


def test_a_correction_marks_the_article_updated_and_refreshes_public_pages():
    article = ArticleFactory(published=True)
    before_version, before_updated = content_version(), article.updated_at
    services.correction_add(article=article, user=newsroom.editor(), note="Fixed a name.")
    article.refresh_from_db()
    assert article.updated_at > before_updated
    assert content_version() > before_version


def test_a_correction_note_is_shown_as_plain_text():
    article = ArticleFactory(published=True)
    services.correction_add(article=article, user=newsroom.editor(),
                            note="<script>alert(1)</script>")  # fmt: skip
    html = render_to_string("articles/_corrections.html", {"article": article})
    assert "<script>" not in html


def test_an_article_without_corrections_renders_nothing():
    article = ArticleFactory(published=True)
    assert render_to_string("articles/_corrections.html", {"article": article}).strip() == ""


def test_writers_cannot_add_corrections():
    article = ArticleFactory(published=True)
    with pytest.raises(PermissionDenied):
        services.correction_add(article=article, user=newsroom.writer(), note="Mine.")


def test_an_editor_adds_a_correction_from_the_article_page_in_the_admin(client):
    article = ArticleFactory(published=True)
    client.force_login(newsroom.editor())
    data = newsroom.article_form_data(article)
    data.update({"corrections-TOTAL_FORMS": "1", "corrections-0-kind": "correction",
                 "corrections-0-note": "An earlier version misspelt the harbour master's name.",
                 "corrections-0-created_at_0": "2026-03-01",
                 "corrections-0-created_at_1": "10:00:00"})  # fmt: skip
    before = content_version()
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    assert article.corrections.get().note.startswith("An earlier version")
    assert content_version() > before
