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

Only the newest matches are ranked: at most SEARCH_RANKED_MATCHES (1,000) published
matches, newest article first, are counted, ranked and paged, so a word found in 40,000
stories costs what one found in 1,000 does (docs/performance.md, "Search at 100,000
articles"). A query with more matches says "More than 1,000 stories found" and shows the
best of the newest 1,000; one with fewer is ranked whole, as before.

An excerpt comes from the body (or the standfirst when only it matches), never from the
headline or bylines the result card already shows.
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from articles import access
from articles.listings import cards_among
from articles.models import Article

from . import conf
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
    # A last word this long also matches as a prefix ("harb" finds "harbour"); a shorter
    # one would make FTS5 merge the lists of every word it begins (~0.7 s for "s").
    PREFIX_CHARS = 3

    def __init__(self, terms):
        # Each term is quoted, so FTS5 reads it as a plain word or, with spaces, as a phrase
        # (terms hold only \w characters).
        self.match = " ".join(f'"{" ".join(term_words(term))}"' for term in terms)
        last = terms[-1]
        self.prefix_match = None  # the one used, if any, becomes self.match
        if isinstance(last, str) and len(last) >= self.PREFIX_CHARS:
            self.prefix_match = self.match + "*"
        # published() asked of one row at a time: an index lookup per match read, where an
        # IN list would first gather every published id of the archive.
        published = (
            Article.objects.published()
            .filter(pk=RawSQL("article_search.rowid", ()))
            .order_by()
            .values("pk")
        )
        sql, self.published_params = published.query.sql_with_params()
        self.published = f"EXISTS ({sql})"
        self.ranked = None
        self.more_than_counted = False

    def matches(self):
        """(rank, -id) of the newest published matches, best first: at most
        SEARCH_RANKED_MATCHES, the ones counted and paged (see search_articles)."""
        if self.ranked is None:
            cap = conf.SEARCH_RANKED_MATCHES
            found = self._newest(self.match, cap)
            # A word common enough to fill the window as typed is a whole word: its
            # prefix form would only cost the merge of every longer word's list.
            if self.prefix_match and len(found) <= cap:
                self.match = self.prefix_match
                found = self._newest(self.match, cap)
            self.more_than_counted = len(found) > cap
            self.ranked = sorted((rank, -pk) for pk, rank in found[:cap])
        return self.ranked

    def _newest(self, match, cap):
        # FTS5 walks its index newest rowid first and stops after cap + 1 published
        # matches (the one more says there are more): however common the word, no match
        # beyond is read or ranked.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {self.RANK} FROM article_search "
                f"WHERE article_search MATCH %s AND {self.published} "
                "ORDER BY rowid DESC LIMIT %s",
                [match, *self.published_params, cap + 1],
            )
            return cursor.fetchall()

    def count(self):
        return len(self.matches())

    def __getitem__(self, window):
        ids = [-negative_pk for _, negative_pk in self.matches()[window]]
        if not ids:
            return []
        # Snippets for this page's rows only: snippet() is costly. Of the body (column 2)
        # and the standfirst (1) only: the card already shows the headline and the byline,
        # so an excerpt of those would repeat them.
        snippet = "snippet(article_search, {}, %s, %s, '…', 30)"
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, {snippet.format(2)}, {snippet.format(1)} FROM article_search "
                f"WHERE article_search MATCH %s AND rowid IN ({placeholders})",
                [START, STOP, START, STOP, self.match, *ids],
            )
            snippets = {pk: (in_body, in_standfirst) for pk, in_body, in_standfirst in cursor}
        # Cards without the body (on a long article it is most of the row), looked up by
        # primary key: every id is a published match already, and asking published() again
        # made SQLite walk the public index (8 ms of CPU at 100,000 articles). Without the
        # bylines: a kept card has them, and drawing one reads them (articles/fragments.py).
        articles = cards_among(ids).prefetch_related(None).in_bulk()
        results = []
        for pk in ids:
            if pk in articles and pk in snippets:
                in_body, in_standfirst = snippets[pk]
                matched = in_standfirst if START not in in_body and START in in_standfirst else None
                if access.is_withheld(articles[pk]):
                    # A story behind a wall: its body's words stay out of the excerpt.
                    matched, in_body = in_standfirst or articles[pk].standfirst, ""
                articles[pk].excerpt = excerpt_html(matched or in_body or in_standfirst)
                results.append(articles[pk])
        return results
