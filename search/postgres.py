"""Full-text search on PostgreSQL (see search/query.py): the stored, weighted vector of
each article (`search_document`, kept by search/index.py, GIN-indexed by search migration
0001) matched with `@@` and ranked with `ts_rank`; headlines by `ts_headline` for the
page's rows only. A module of its own so that a site on SQLite never imports
django.contrib.postgres (and psycopg with it)."""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from articles import access
from articles.listings import cards_among
from articles.models import Article

from . import conf
from .excerpts import START, STOP, excerpt_html
from .terms import term_words

CONFIG = "english"


class PostgresResults:
    """The same contract as SqliteResults (search/query.py): the newest published matches,
    at most SEARCH_RANKED_MATCHES, ranked; headlines for the page's rows only."""

    def __init__(self, terms):
        self.query = reduce(and_, [_postgres_query(term) for term in terms])
        parts = [_tsquery_sql(term) for term in terms]
        self.tsquery = " && ".join(sql for sql, _ in parts)
        self.tsquery_params = [param for _, param in parts]
        published = (
            Article.objects.published()
            .filter(pk=RawSQL("d.article_id", ()))
            .order_by()
            .values("pk")
        )
        sql, self.published_params = published.query.sql_with_params()
        self.published = f"EXISTS ({sql})"
        self.ranked = None
        self.more_than_counted = False

    def matches(self):
        """(-rank, -id) of the newest published matches, best first."""
        if self.ranked is None:
            cap = conf.SEARCH_RANKED_MATCHES
            # The newest cap + 1 matches by id (the one more says there are more), and
            # only theirs ranked: ts_rank reads a stored vector each, never a body.
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT w.article_id, ts_rank(w.document, {self.tsquery}) FROM ("
                    "SELECT d.article_id, d.document FROM search_document d "
                    f"WHERE d.document @@ ({self.tsquery}) AND {self.published} "
                    "ORDER BY d.article_id DESC LIMIT %s) w",
                    [
                        *self.tsquery_params,
                        *self.tsquery_params,
                        *self.published_params,
                        cap + 1,
                    ],
                )
                found = cursor.fetchall()
            self.more_than_counted = len(found) > cap
            self.ranked = sorted((-rank, -pk) for pk, rank in found[:cap])
        return self.ranked

    def count(self):
        return len(self.matches())

    def __getitem__(self, window):
        ids = [-negative_pk for _, negative_pk in self.matches()[window]]
        if not ids:
            return []
        found = (
            # Without the body, which the headline reads in the database; by primary key, as
            # every id is a published match already; without the bylines, which only drawing
            # a card reads (articles/fragments.py).
            cards_among(ids)
            .prefetch_related(None)
            .annotate(
                snippet=SearchHeadline(
                    Concat("standfirst", Value(" "), "body", output_field=TextField()),
                    self.query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                )
            )
            .in_bulk()
        )
        results = []
        for pk in ids:
            if pk in found:
                article = found[pk]
                # A story behind a wall: its body's words stay out of the excerpt.
                withheld = access.is_withheld(article)
                article.excerpt = excerpt_html(article.standfirst if withheld else article.snippet)
                results.append(article)
        return results


def _tsquery_sql(term):
    """A term as SQL: a word as plainto_tsquery, a phrase as phraseto_tsquery (the same
    functions _postgres_query's SearchQuery compiles to)."""
    function = "plainto_tsquery" if isinstance(term, str) else "phraseto_tsquery"
    return f"{function}('{CONFIG}'::regconfig, %s)", " ".join(term_words(term))


def _postgres_query(term):
    kind = "plain" if isinstance(term, str) else "phrase"
    return SearchQuery(" ".join(term_words(term)), config=CONFIG, search_type=kind)
