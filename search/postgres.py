"""Full-text search on PostgreSQL (see search/query.py): `SearchVector`/`SearchRank` over
the article's own text, served by a GIN expression index on the same vector (migration
0005), plus its tags and authors' names. A module of its own so that a site on SQLite never
imports django.contrib.postgres (and psycopg with it)."""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce, Concat
from taggit.models import Tag, TaggedItem

from accounts.models import User
from articles import access
from articles.models import Article

from .excerpts import START, STOP, excerpt_html
from .terms import term_words

CONFIG = "english"

# The GIN index of articles migration 0005 is built from a copy of this expression: change
# one, change both (test_search_uses_the_databases_own_full_text_engine checks they match).
ARTICLE_VECTOR = (
    SearchVector("headline", weight="A", config=CONFIG)
    + SearchVector("standfirst", weight="B", config=CONFIG)
    + SearchVector("body", weight="C", config=CONFIG)
)


class PostgresResults:
    def __init__(self, terms):
        query = reduce(and_, [_postgres_query(term) for term in terms])
        people = SearchVector(author_names(), weight="B", config=CONFIG)
        labels = SearchVector(tag_names(), weight="B", config=CONFIG)
        document = ARTICLE_VECTOR + people + labels
        self.queryset = (
            Article.objects.published()
            .for_listing()
            .filter(candidates(terms))
            .annotate(document=document)
            .filter(document=query)
            .annotate(
                rank=SearchRank(document, query),
                snippet=SearchHeadline(
                    Concat("standfirst", Value(" "), "body", output_field=TextField()),
                    query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=35,
                    min_words=15,
                ),
            )
            .order_by("-rank", "-published_at", "-pk")
        )

    def count(self):
        return self.queryset.count()

    def __getitem__(self, window):
        results = list(self.queryset[window])
        for article in results:
            # A story behind a wall: its body's words stay out of the excerpt.
            withheld = access.is_withheld(article)
            article.excerpt = excerpt_html(article.standfirst if withheld else article.snippet)
        return results


def _postgres_query(term):
    kind = "plain" if isinstance(term, str) else "phrase"
    return SearchQuery(" ".join(term_words(term)), config=CONFIG, search_type=kind)


def candidates(terms):
    """Articles where any word appears, found through indexes (the GIN index for the text),
    so the full vector with tags and names is only computed for them, never the archive."""
    words = [word for term in terms for word in term_words(term)]
    any_term = reduce(or_, [SearchQuery(w, config=CONFIG, search_type="plain") for w in words])
    in_text = Article.objects.annotate(document=ARTICLE_VECTOR).filter(document=any_term)
    tags = Tag.objects.annotate(document=SearchVector("name", config=CONFIG))
    tagged = TaggedItem.objects.filter(
        content_type__app_label="articles",
        content_type__model="article",
        tag__in=tags.filter(document=any_term),
    )
    people = User.objects.annotate(
        document=SearchVector("display_name", "first_name", "last_name", config=CONFIG)
    )
    bylines = Article.authors.through.objects.filter(user__in=people.filter(document=any_term))
    return (
        Q(pk__in=in_text.values("pk"))
        | Q(pk__in=tagged.values("object_id"))
        | Q(pk__in=bylines.values("article_id"))
    )


def tag_names():
    tagged = TaggedItem.objects.filter(
        object_id=OuterRef("pk"), content_type__app_label="articles", content_type__model="article"
    )
    names = tagged.values("object_id").annotate(names=StringAgg("tag__name", " ")).values("names")
    return Coalesce(Subquery(names), Value(""), output_field=TextField())


def author_names():
    bylines = Article.authors.through.objects.filter(article_id=OuterRef("pk"))
    full = Concat(
        "user__display_name", Value(" "), "user__first_name", Value(" "), "user__last_name"
    )
    names = bylines.values("article_id").annotate(names=StringAgg(full, " ")).values("names")
    return Coalesce(Subquery(names), Value(""), output_field=TextField())
