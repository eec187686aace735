"""Corrections: dated public notes, newest first, that mark the article as updated."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse

from articles import services
from articles.models import Article
from shared.cache import content_version
from shared.templatetags.datetimes import datetime_attr
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_corrections_show_newest_first_with_their_dates():
    editor = people.editor()
    article = ArticleFactory(published=True)
    with time_machine.travel(datetime(2026, 3, 1, 9, tzinfo=UTC)):
        services.correction_add(article=article, user=editor, note="The vote was on Tuesday.")
    with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=UTC)):
        services.correction_add(
            article=article, user=editor, note="Added the mayor's reply.", kind="update"
        )
    article = Article.objects.prefetch_related("corrections").get(pk=article.pk)
    html = render_to_string("articles/_corrections.html", {"article": article})
    assert html.index("Added the mayor") < html.index("The vote was on Tuesday")
    assert '<time datetime="2026-03-01' in html
    assert "<strong>Update</strong>" in html


def test_a_correction_marks_the_article_updated_and_refreshes_public_pages():
    article = ArticleFactory(published=True)
    before_version, before_updated = content_version(), article.updated_at
    services.correction_add(article=article, user=people.editor(), note="Fixed a name.")
    article.refresh_from_db()
    assert article.updated_at > before_updated
    assert content_version() > before_version


def test_a_correction_note_is_shown_as_plain_text():
    article = ArticleFactory(published=True)
    services.correction_add(article=article, user=people.editor(), note="<script>alert(1)</script>")
    html = render_to_string("articles/_corrections.html", {"article": article})
    assert "<script>" not in html


def test_an_article_without_corrections_renders_nothing():
    article = ArticleFactory(published=True)
    assert render_to_string("articles/_corrections.html", {"article": article}).strip() == ""


def test_writers_cannot_add_corrections():
    article = ArticleFactory(published=True)
    with pytest.raises(PermissionDenied):
        services.correction_add(article=article, user=people.writer(), note="Mine.")


def test_an_editor_adds_a_correction_from_the_article_page_in_the_admin(client):
    article = ArticleFactory(published=True)
    client.force_login(people.editor())
    data = people.article_form_data(article)
    data.update(
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-note": "An earlier version misspelt the harbour master's name.",
            "corrections-0-created_at_0": "2026-03-01",
            "corrections-0-created_at_1": "10:00:00",
        }
    )
    before = content_version()
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    assert article.corrections.get().note.startswith("An earlier version")
    assert content_version() > before


def test_a_correction_puts_updated_in_the_byline_and_a_notice_at_the_top_linking_to_it(client):
    from tests.articles.test_structured_data import json_ld

    article = ArticleFactory(published=True)
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()
    # Minutes after publishing: a correction is news to readers, even inside the grace
    # period that hides quick fixes of the launch.
    moment = article.published_at + timedelta(minutes=5)
    with time_machine.travel(moment, tick=False):
        correction = services.correction_add(
            article=article, user=people.editor(), note="The vote was on Tuesday."
        )
    html = client.get(article.get_absolute_url()).content.decode()
    header = html[html.index('class="article__header"') : html.index('class="article__body"')]
    updated = BeautifulSoup(header, "html5lib").select_one(".article__updated")
    assert updated.get_text(" ", strip=True).startswith("Updated ")
    assert updated.time["datetime"] == datetime_attr(moment)
    assert f'href="#correction-{correction.pk}">Read the correction</a>' in header
    assert "This article was corrected on" in header
    assert f'id="correction-{correction.pk}"' in html[html.index('class="article__body"') :]
    news = json_ld(client, article.get_absolute_url())["NewsArticle"]
    assert news["dateModified"] == moment.isoformat(timespec="seconds")


def test_an_update_note_is_announced_as_an_update():
    article = ArticleFactory(published=True)
    services.correction_add(
        article=article, user=people.editor(), note="Added the reply.", kind="update"
    )
    article = Article.objects.prefetch_related("corrections").get(pk=article.pk)
    html = render_to_string("articles/_correction_notice.html", {"article": article})
    assert "This article was updated on" in html and "Read the update" in html
