"""Search results read their cards from kept HTML, like every listing, with the query's own
excerpt put in per request: what a reader sees is the whole card, never a stale one.

Every test searches at least twice around a change, with the page cache off (a page-cache
miss), so anything old on the second page can only come from the kept cards.
"""

import pytest
from bs4 import BeautifulSoup
from django.db import connection

from articles.images import ensure_renditions
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def desk():
    return CategoryFactory(name="Harbour desk", slug="harbour-desk")


def cards(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.text, "html5lib").select(".result-list article.card")


def text(card, selector):
    """What a reader reads there, spaces as a browser shows them."""
    return " ".join(card.select_one(selector).get_text().split())


def test_a_result_card_shows_its_link_headline_picture_byline_and_marked_excerpt(client, desk):
    article = ArticleFactory(
        published=True,
        category=desk,
        authors=[UserFactory(display_name="Amara Okafor"), UserFactory(display_name="Ben Li")],
        headline="Ferries return",
        featured_image=ImageFactory(),
        body="The ferries to the islands leave at dawn & dusk <b>daily</b>.",
    )
    for _ in range(2):  # drawn, then read back from the kept card
        (card,) = cards(client, "islands")
        assert card.select_one(".card__headline a")["href"] == article.get_absolute_url()
        assert card.select_one(".card__headline").get_text() == "Ferries return"
        assert card.select_one(".card__category").get_text() == "Harbour desk"
        assert card.select_one("picture img")["src"].endswith(".jpg")
        assert text(card, ".card__meta").startswith("Amara Okafor and Ben Li · ")
        excerpt = card.select_one(".card__excerpt")
        assert [mark.get_text() for mark in excerpt.select("mark")] == ["islands"]
        assert "dawn & dusk" in excerpt.get_text()
        assert excerpt.select("b") == []  # what the writer typed is never HTML


def test_each_query_shows_its_own_excerpt_on_the_same_card(client, desk):
    ArticleFactory(
        published=True,
        category=desk,
        headline="Harbour works",
        body="The crane arrived in spring. Much later the dredger followed it.",
    )
    for word in ("crane", "dredger", "crane"):
        (card,) = cards(client, word)
        marked = [mark.get_text() for mark in card.select(".card__excerpt mark")]
        assert marked == [word]


def test_a_result_without_an_excerpt_shows_its_standfirst_beside_one_with(client, desk):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL's excerpt reads the standfirst too: a story with one has one")
    ArticleFactory(
        published=True,
        category=desk,
        headline="Harbour lights",
        standfirst="The lamps are lit again.",
        body="***",  # nothing to quote once the Markdown marks are gone
    )
    ArticleFactory(published=True, category=desk, headline="Quay", body="The harbour at night.")
    for _ in range(2):
        shown = {
            card.select_one(".card__headline").get_text(): card for card in cards(client, "harbour")
        }
        assert shown["Harbour lights"].select_one(".card__excerpt") is None
        assert shown["Harbour lights"].select_one(".card__standfirst").get_text() == (
            "The lamps are lit again."
        )
        assert shown["Quay"].select_one(".card__excerpt mark").get_text() == "harbour"


def test_a_corrected_headline_shows_on_the_next_search_at_once(client, desk):
    article = ArticleFactory(published=True, category=desk, headline="Ferry timetable cut")
    assert cards(client, "ferry")[0].select_one(".card__headline").get_text() == (
        "Ferry timetable cut"
    )

    article.headline = "Ferry timetable restored"
    article.save()

    (card,) = cards(client, "ferry")
    assert card.select_one(".card__headline").get_text() == "Ferry timetable restored"


def test_a_renamed_author_shows_on_the_next_search_at_once(client, desk):
    writer = UserFactory(display_name="Amara Okafor")
    ArticleFactory(published=True, category=desk, authors=[writer], headline="Ferry news")
    assert text(cards(client, "ferry")[0], ".card__meta").startswith("Amara Okafor · ")

    writer.display_name = "Amara Okafor-Reyes"
    writer.save()

    assert text(cards(client, "ferry")[0], ".card__meta").startswith("Amara Okafor-Reyes · ")


def test_a_result_shows_its_picture_s_renditions_once_the_job_has_made_them(client, desk):
    picture = ImageFactory(renditions_made=False)
    ArticleFactory(published=True, category=desk, headline="Ferry news", featured_image=picture)
    assert cards(client, "ferry")[0].select_one("picture") is None

    ensure_renditions(picture)  # the picture's own change: the article is not saved

    assert cards(client, "ferry")[0].select_one("picture source[type='image/webp']")
