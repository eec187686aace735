"""Migrations keep their own copies of the search index's fill queries (so that articles
never imports search, and no migration changes with the app): they must not drift apart."""

from importlib import import_module

from search.index import _refresh_postgres_sql, _refresh_sql


def test_the_migrations_fill_the_index_as_search_keeps_it_up():
    articles = import_module("articles.migrations.0005_article_search_index")
    assert articles.FILL_SQL.format(placeholders="%s, %s") == _refresh_sql("%s, %s")
    search = import_module("search.migrations.0001_search_document")
    assert search.FILL_SQL.format(placeholders="%s, %s") == _refresh_postgres_sql("%s, %s")
