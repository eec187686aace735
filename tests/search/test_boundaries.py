"""Search depends on articles, never the other way round, and articles migration 0005 keeps
its own copies of the index's fill query and vector: they must not drift apart."""

import ast
from importlib import import_module
from pathlib import Path

import articles
from search.index import _refresh_sql
from search.postgres import ARTICLE_VECTOR

ARTICLES = Path(articles.__file__).parent
# The importer bulk-creates articles (no signals) and indexes them itself; it is above
# search and leaves the articles app in its own move.
ALLOWED = {ARTICLES / "wordpress"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module


def test_the_articles_app_never_imports_search():
    offenders = [
        str(path.relative_to(ARTICLES.parent))
        for path in sorted(ARTICLES.rglob("*.py"))
        if not ALLOWED & set(path.parents)
        and any(name.split(".")[0] == "search" for name in imported_modules(path))
    ]
    assert offenders == []


def test_migration_0005_builds_the_index_search_keeps_up_and_queries():
    migration = import_module("articles.migrations.0005_article_search_index")
    assert migration.FILL_SQL.format(placeholders="%s, %s") == _refresh_sql("%s, %s")
    assert migration.article_vector() == ARTICLE_VECTOR
