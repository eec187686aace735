"""Search follows every edit: text, tags, bylines and authors' names (on both databases)."""

import pytest

from search.query import search_articles
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db


def found(word):
    return [article.headline for article in search_articles([word])[0:10]]


def test_an_edited_headline_is_found_by_its_new_words_only():
    article = ArticleFactory(published=True, headline="Ferry fares rise")
    article.headline = "Tram fares fall"
    article.save()
    assert found("tram") == ["Tram fares fall"]
    assert found("ferry") == []


def test_tags_added_later_and_renamed_authors_are_searchable():
    author = UserFactory(display_name="Quentin Marsh")
    article = ArticleFactory(published=True, headline="Budget night", authors=[author])
    article.tags.add("lighthouses")
    assert found("lighthouses") == ["Budget night"]
    author.display_name = "Quentin Fairweather"
    author.save()
    assert found("fairweather") == ["Budget night"]
    assert found("marsh") == []


def test_a_deleted_article_leaves_no_trace_in_search():
    article = ArticleFactory(published=True, headline="Orchard cooperative folds")
    article.delete()
    assert found("orchard") == []
