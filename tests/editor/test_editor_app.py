"""The editor's server side: the bundle's size, its JSON, and the fact box it writes."""

import gzip
from pathlib import Path

import pytest
from django.urls import reverse

from articles.body import render_body
from tests import people
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

BUNDLE = Path(__file__).resolve().parents[2] / "editor" / "static" / "editor" / "editor.js"


def test_the_editor_bundle_is_at_most_250_kb_compressed():
    assert len(gzip.compress(BUNDLE.read_bytes(), 9)) <= 250 * 1024


def test_a_fact_box_renders_as_an_aside_with_its_title_and_markdown():
    html = render_body(
        "Before.\n\n[[factbox: What we know]]\n- One\n- *Two*\n[[/factbox]]\n\nAfter."
    )
    assert html == (
        "<p>Before.</p>\n"
        '<aside class="fact-box"><h2>What we know</h2><ul>\n<li>One</li>\n<li><em>Two</em></li>\n'
        "</ul>\n</aside>\n<p>After.</p>"
    )


def test_a_fact_box_without_its_closing_line_is_text_as_typed():
    assert render_body("[[factbox: Facts]]\nOne") == "<p>[[factbox: Facts]]\nOne</p>"


@pytest.mark.django_db
def test_the_link_search_finds_published_articles_only(client):
    ArticleFactory(published=True, headline="Harbour fees rise")
    ArticleFactory(headline="Harbour draft")
    client.force_login(people.editor())
    data = client.get(reverse("editor_link_search"), {"q": "harbour"}).json()
    assert [result["title"] for result in data["results"]] == ["Harbour fees rise"]
    assert data["results"][0]["url"].startswith("/")


@pytest.mark.django_db
def test_the_editor_json_is_for_staff_only(client):
    client.force_login(people.reader())
    assert client.get(reverse("editor_link_search"), {"q": "x"}).status_code == 302
    assert client.get(reverse("editor_image_data"), {"ids": "1"}).status_code == 302


@pytest.mark.django_db
def test_the_editor_shows_a_picture_whole_from_its_smallest_copy(client):
    made = ImageFactory(alt_text="Made", size=(600, 900))  # a portrait: never cut to 3:2
    waiting = ImageFactory(alt_text="Waiting", renditions_made=False)
    made.refresh_from_db()
    client.force_login(people.editor())
    ids = f"{made.pk},{waiting.pk}"
    data = client.get(reverse("editor_image_data"), {"ids": ids}).json()
    urls = {image["alt"]: image["thumbnail_url"] for image in data["images"]}
    assert urls["Made"].endswith(made.renditions["whole"]["jpeg"]["320"])
    assert urls["Waiting"] == waiting.file.url
