"""Full-text search over published articles, on whichever database the site runs.

- SQLite: an FTS5 table, `article_search`, whose rowid is the article's id, kept in step
  with articles, their authors and their tags by search/index.py. Ranked by BM25
  with the headline weighing most.
- PostgreSQL: `SearchVector`/`SearchRank` over the article's own text, served by a GIN
  expression index on the same vector (articles migration 0005), plus its tags and
  authors' names (search/postgres.py).

Both take only the words of a query (search/terms.py). Words in double quotes are a
phrase ("exoplanet wobbling" matches those words in that order, never "wobbling
exoplanet").

An excerpt comes from the body (or the standfirst when only it matches), never from the
headline or bylines the result card already shows.
"""

from django.db import connection

from articles import access
from articles.models import Article

from .excerpts import START, STOP, excerpt_html
from .terms import term_words


def search_articles(terms):
    """Published articles matching every term (and phrase), best first; each gets
    `.excerpt` (safe HTML).

    Returns a sequence a Paginator can page through with a fixed number of queries.
    """
    if connection.vendor == "postgresql":
        # Imported here: django.contrib.postgres loads psycopg (~10 MB a process) even on
        # a site that runs SQLite.
        from .postgres import PostgresResults

        return PostgresResults(terms)
    return SqliteResults(terms)


class SqliteResults:
    RANK = "bm25(article_search, 10.0, 4.0, 1.0, 5.0, 5.0)"

    def __init__(self, terms):
        # Each term is quoted, so FTS5 reads it as a plain word or, with spaces, as a phrase
        # (terms hold only \w characters); a last single word also matches as a prefix,
        # so "harb" finds "harbour".
        quoted = [f'"{" ".join(term_words(term))}"' for term in terms]
        if isinstance(terms[-1], str):
            quoted[-1] += "*"
        self.match = " ".join(quoted)
        published = Article.objects.published().order_by().values("pk")
        self.published_sql, self.published_params = published.query.sql_with_params()
        # "+rowid" keeps FTS5 from answering the IN list one rowid at a time (very slow).
        self.where = f"article_search MATCH %s AND +rowid IN ({self.published_sql})"

    def count(self):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM article_search WHERE {self.where}",
                [self.match, *self.published_params],
            )
            return cursor.fetchone()[0]

    def __getitem__(self, window):
        limit = window.stop - window.start
        # Rank every match but make snippets for this page's rows only: snippet() is costly
        # and SQLite would otherwise compute it for each match before sorting.
        page_ids = (
            f"SELECT rowid FROM article_search WHERE {self.where} "
            f"ORDER BY {self.RANK} LIMIT %s OFFSET %s"
        )
        # Snippets of the body (column 2) and the standfirst (1) only: the card already
        # shows the headline and the byline, so an excerpt of those would repeat them.
        snippet = "snippet(article_search, {}, %s, %s, '…', 30)"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {snippet.format(2)}, {snippet.format(1)} "
                f"FROM article_search WHERE article_search MATCH %s AND rowid IN ({page_ids}) "
                f"ORDER BY {self.RANK}",
                [
                    START,
                    STOP,
                    START,
                    STOP,
                    self.match,
                    self.match,
                    *self.published_params,
                    limit,
                    window.start,
                ],
            )
            rows = cursor.fetchall()
        articles = Article.objects.published().for_listing().in_bulk([row[0] for row in rows])
        results = []
        for pk, in_body, in_standfirst in rows:
            if pk in articles:
                matched = in_standfirst if START not in in_body and START in in_standfirst else None
                if access.is_withheld(articles[pk]):
                    # A story behind a wall: its body's words stay out of the excerpt.
                    matched, in_body = in_standfirst or articles[pk].standfirst, ""
                articles[pk].excerpt = excerpt_html(matched or in_body or in_standfirst)
                results.append(articles[pk])
        return results
