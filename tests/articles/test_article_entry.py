"""What a body and headline become on the way in: line endings, limits, typography."""

import extruct
import feedparser
import pytest
from django.urls import reverse

from articles import conf
from articles.body import MAX_BODY_CHARS, normalize_source
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


def save(client, article, **changes):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, **changes),
    )


def test_shortcodes_in_a_body_sent_with_crlf_line_endings_render(editor_client):
    article = ArticleFactory()
    body = "Intro.\r\n\r\n[[pullquote: We will rebuild]]\r\n\r\nAfter."
    assert save(editor_client, article, body=body).status_code == 302
    article.refresh_from_db()
    assert "\r" not in article.body
    assert '<blockquote class="pullquote"><p>We will rebuild</p></blockquote>' in (
        article.body_html
    )
    assert "[[pullquote" not in article.body_html


def test_every_way_in_stores_lf_line_endings():
    assert normalize_source("a\r\nb\rc\n") == "a\nb\nc\n"
    article = ArticleFactory(body="One.\r\n\r\n[[pullquote: Two]]\r\n")
    article.refresh_from_db()
    assert article.body == "One.\n\n[[pullquote: Two]]\n"
    assert "pullquote" in article.body_html


def test_a_body_past_the_limit_is_refused_with_a_reason_and_nothing_is_lost(editor_client):
    article = ArticleFactory(body="The saved version.")
    too_long = "An overlong paragraph. " * (MAX_BODY_CHARS // 20)
    response = save(editor_client, article, body=too_long)
    html = response.content.decode()
    assert response.status_code == 200
    assert "the limit is 100,000" in html
    assert too_long.strip() in html  # what was typed is still in the form
    article.refresh_from_db()
    assert article.body == "The saved version."


def test_a_body_nested_past_the_limit_is_refused(editor_client):
    article = ArticleFactory(body="Flat.")
    response = save(editor_client, article, body="> " * 40 + "deep")
    assert "Lists and quotes are nested" in response.content.decode()
    article.refresh_from_db()
    assert article.body == "Flat."


def test_the_preview_refuses_an_oversized_body_with_the_reason(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_render_body"), {"body": "[" * (MAX_BODY_CHARS + 1)}
    )
    assert response.status_code == 422
    assert "the limit is 100,000" in response.content.decode()


def test_headlines_and_standfirsts_get_typographic_quotes_and_dashes():
    article = ArticleFactory(
        headline='"Don\'t panic" -- the 1990--2000 fund... explained',
        standfirst="It's the mayor's call --- or is it?",
    )
    article.refresh_from_db()
    assert (
        article.headline
        == "\u201cDon\u2019t panic\u201d \u2013 the 1990\u20132000 fund\u2026 explained"
    )
    assert article.standfirst == "It\u2019s the mayor\u2019s call \u2014 or is it?"


def test_bodies_get_typographic_quotes_but_code_and_citations_are_left_alone():
    article = ArticleFactory(body='"Yes," she said -- under section 4(c). `"raw" -- code`')
    assert "\u201cYes,\u201d she said \u2013 under section 4(c)." in article.body_html
    assert '<code>"raw" -- code</code>' in article.body_html


def test_a_typographic_headline_is_escaped_once_on_the_page(client):
    article = ArticleFactory(published=True, headline='Fish & chips: "a British dish"')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Fish &amp; chips: \u201ca British dish\u201d" in html
    assert "&amp;ldquo;" not in html and "&amp;amp;" not in html
    assert Article.objects.get(pk=article.pk).headline.startswith("Fish & chips")


def test_feeds_and_structured_data_carry_the_same_typographic_headline(client):
    article = ArticleFactory(published=True, headline='"Fish & chips" -- a history')
    expected = "\u201cFish & chips\u201d \u2013 a history"
    feed = feedparser.parse(client.get(reverse("syndication:rss")).content)
    assert feed.entries[0].title == expected
    page = client.get(article.get_absolute_url()).content.decode()
    data = extruct.extract(page, base_url="http://testserver/", syntaxes=["json-ld"])
    [news] = [item for item in data["json-ld"] if item["@type"] == "NewsArticle"]
    assert news["headline"] == expected


def test_the_body_help_says_tags_show_as_typed_and_names_the_limit(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert "at most 100,000 characters. HTML tags show as typed" in html
    assert "&lt;script&gt;" in html


def test_the_preview_stops_a_body_that_takes_too_long_and_says_why(editor_client, monkeypatch):
    monkeypatch.setattr(conf, "RENDER_SECONDS", 0.001)
    response = editor_client.post(
        reverse("admin:articles_article_render_body"), {"body": "[" * 20_000}
    )
    assert response.status_code == 422
    assert "takes too long to lay out" in response.content.decode()
