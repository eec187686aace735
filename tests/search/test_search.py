import pytest
from django.db import connection
from django.urls import reverse

from search.terms import search_terms
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("search:search")


@pytest.fixture
def reporter(db):
    return UserFactory(display_name="Amara Okafor")


def results_of(client, query, **params):
    response = client.get(URL, {"q": query, **params})
    assert response.status_code == 200
    return response.content.decode()


def test_search_finds_words_in_headline_standfirst_body_tags_and_author_names(
    client, category, reporter
):
    ArticleFactory(
        published=True,
        category=category,
        authors=[reporter],
        headline="Lighthouse keepers return",
        standfirst="A quiet coast.",
        body="Gulls everywhere.",
        tags=["maritime"],
    )
    ArticleFactory(
        published=True,
        category=category,
        headline="Budget talks stall",
        standfirst="Ministers disagree about ferries.",
        body="Long night.",
    )
    ArticleFactory(
        published=True,
        category=category,
        headline="Orchard harvest",
        body="The apples were counted by volunteers.",
    )
    assert "Lighthouse keepers return" in results_of(client, "lighthouse")
    assert "Budget talks stall" in results_of(client, "ferries")
    assert "Orchard harvest" in results_of(client, "volunteers")
    assert "Lighthouse keepers return" in results_of(client, "maritime")
    html = results_of(client, "Okafor")
    assert "Lighthouse keepers return" in html
    assert "Budget talks stall" not in html


def test_search_matches_word_forms_and_ranks_headline_matches_first(client, category):
    ArticleFactory(
        published=True,
        category=category,
        headline="A story about bridges",
        body="Nothing else here.",
    )
    ArticleFactory(
        published=True,
        category=category,
        headline="Council news",
        body="The council also mentioned a bridge once in passing.",
    )
    html = results_of(client, "bridge")
    assert html.index("A story about bridges") < html.index("Council news")
    assert "2 stories found" in html


def test_search_shows_a_short_highlighted_excerpt(client, category):
    body = "The new ferry to the islands leaves at dawn & dusk <b>daily</b>."
    ArticleFactory(published=True, category=category, headline="Ferry timetable", body=body)
    html = results_of(client, "islands")
    assert "<mark>islands</mark>" in html
    assert "dawn &amp; dusk" in html
    assert "<b>daily" not in html  # what the writer typed is shown as text, never as HTML


@pytest.mark.parametrize("trait", ["draft", "scheduled", "review", "archived"])
def test_search_never_shows_unpublished_articles(client, category, trait):
    kwargs = {"scheduled": True} if trait == "scheduled" else {"status": trait}
    ArticleFactory(category=category, headline="Secret zeppelin plans", **kwargs)
    ArticleFactory(published=True, category=category, headline="Public zeppelin museum")
    html = results_of(client, "zeppelin")
    assert "Public zeppelin museum" in html
    assert "Secret zeppelin plans" not in html
    assert "1 story found" in html


def test_the_index_follows_edits_tag_changes_and_deletions(client, category):
    article = ArticleFactory(published=True, category=category, headline="Old headline")
    article.headline = "Glacier melt accelerates"
    article.save()
    assert "Glacier melt accelerates" in results_of(client, "glacier")
    assert "No stories match" in results_of(client, "old headline")
    article.tags.add("icefields")
    assert "Glacier melt accelerates" in results_of(client, "icefields")
    article.tags.remove("icefields")
    assert "No stories match" in results_of(client, "icefields")
    article.delete()
    assert "No stories match" in results_of(client, "glacier")


def test_search_results_are_paginated_and_keep_the_query(client, category, settings):
    for n in range(12):
        ArticleFactory(published=True, category=category, headline=f"Tidal power update {n}")
    first = results_of(client, "tidal")
    assert first.count("Tidal power update") == 10
    assert "?q=tidal&amp;page=2" in first
    assert results_of(client, "tidal", page=2).count("Tidal power update") == 2
    assert client.get(URL, {"q": "tidal", "page": 3}).status_code == 404
    assert client.get(URL, {"q": "tidal", "page": "x"}).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "x" * 10_000,
        "!!! ??? ... ---",
        "harbour\x00council",
        "\x00",
        "'; DROP TABLE articles_article; --",
        '"',
        '"unbalanced',
        "NEAR(",
        "NEAR(harbour council, 2)",
        "harbour AND OR NOT",
        "title:harbour",
        "harbour*",
        "^start",
        "(((",
        "a & b | !c <-> d",
        "🌊🌊🌊",
        "%_%",
        "\\",
    ],
)
def test_absurd_queries_get_a_friendly_page_never_an_error(client, category, query):
    ArticleFactory(published=True, category=category, headline="Harbour council meets")
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>" in html
    assert "Traceback" not in html
    assert ArticleFactory._meta.model.objects.count() == 1  # nothing was dropped


def test_an_empty_search_invites_the_reader_to_type(client):
    html = results_of(client, "")
    assert "Type a few words" in html
    assert 'name="robots" content="noindex' in html


def test_a_query_with_no_words_says_so(client):
    assert "could not find any words" in results_of(client, "?!?!")


def test_search_terms_keep_only_words_and_cap_their_number_and_length():
    assert search_terms('"harbour" NEAR( council\x00') == ["harbour", "NEAR", "council"]
    assert len(search_terms("word " * 500)) == 12
    assert search_terms("y" * 10_000) == ["y" * 40]


def test_search_uses_the_databases_own_full_text_engine(client, category):
    ArticleFactory(published=True, category=category, headline="Engine check")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM article_search WHERE article_search MATCH 'engine'"
            )
            assert cursor.fetchone()[0] == 1
            return
        cursor.execute("SET enable_seqscan = off")  # a tiny table would otherwise be scanned
        cursor.execute(
            "EXPLAIN SELECT article_id FROM search_document "
            "WHERE document @@ plainto_tsquery('english', 'engine')"
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert "search_document_gin" in plan
    assert "Engine check" in results_of(client, "engine")


def test_search_terms_keep_quoted_words_together_as_a_phrase():
    assert search_terms('"exoplanet wobbling" star') == [("exoplanet", "wobbling"), "star"]
    assert search_terms('"harbour') == ["harbour"]
    assert search_terms('"no closing quote here') == [("no", "closing", "quote", "here")]


def test_a_quoted_phrase_matches_only_those_words_in_that_order(client, category):
    ArticleFactory(
        published=True,
        category=category,
        headline="Astronomers see exoplanet wobbling",
        body="A star tugged by its planet.",
    )
    ArticleFactory(
        published=True,
        category=category,
        headline="Wobbling exoplanet puzzles",
        body="The exoplanet is far away.",
    )
    html = results_of(client, '"exoplanet wobbling"')
    assert "Astronomers see exoplanet wobbling" in html
    assert "Wobbling exoplanet puzzles" not in html
    assert "1 story found" in html
    both = results_of(client, "exoplanet wobbling")
    assert "Astronomers see exoplanet wobbling" in both and "Wobbling exoplanet puzzles" in both


def test_a_phrase_and_a_word_must_both_match(client, category):
    ArticleFactory(
        published=True,
        category=category,
        headline="Harbour council meets",
        body="The harbour council met about fees.",
    )
    ArticleFactory(
        published=True,
        category=category,
        headline="Harbour council meets again",
        body="The harbour council met about dredging.",
    )
    html = results_of(client, '"harbour council" fees')
    assert "Harbour council meets</a>" in html or "Harbour council meets<" in html
    assert "meets again" not in html


def test_a_match_in_the_headline_shows_an_excerpt_of_the_body_not_the_headline(
    client, category, reporter
):
    ArticleFactory(
        published=True,
        category=category,
        authors=[reporter],
        headline="Lighthouse keepers return",
        standfirst="A quiet coast.",
        body="Gulls circled as the keepers unpacked their bags.",
    )
    for query in ("lighthouse", "Okafor"):
        html = results_of(client, query)
        excerpt = html.split('class="card__excerpt">', 1)[1].split("</p>", 1)[0]
        assert "Gulls circled as the keepers unpacked their bags." in excerpt
        assert "Lighthouse" not in excerpt and "Okafor" not in excerpt


def test_a_match_only_in_the_standfirst_is_highlighted_there(client, category):
    ArticleFactory(
        published=True,
        category=category,
        headline="Budget talks stall",
        standfirst="Ministers disagree about ferries.",
        body="Long night.",
    )
    assert "<mark>ferries</mark>" in results_of(client, "ferries")
