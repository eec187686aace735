"""Articles migration 0005 keeps its own copies of the search index's fill query and vector
(so that articles never imports search: import-linter's contracts in make lint): they must
not drift apart."""

from importlib import import_module

from search.index import _refresh_sql
from search.postgres import ARTICLE_VECTOR


def test_migration_0005_builds_the_index_search_keeps_up_and_queries():
    migration = import_module("articles.migrations.0005_article_search_index")
    assert migration.FILL_SQL.format(placeholders="%s, %s") == _refresh_sql("%s, %s")
    assert migration.article_vector() == ARTICLE_VECTOR
