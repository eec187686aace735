"""A query whose SQL is built once (shared/prepared.py) answers for each id as the ORM would."""

import pytest

from articles.models import Article
from shared.prepared import PreparedQuery
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_prepared_query_answers_for_each_id_it_is_given():
    tom, ana = people.writer(username="tom"), people.writer(username="ana")
    toms, anas = ArticleFactory(authors=[tom]), ArticleFactory(authors=[ana])
    own = PreparedQuery(
        lambda user_id, article_id: (
            Article.objects.own_to(user_id).filter(pk=article_id).values_list("pk")
        )
    )

    assert own.rows(tom.pk, toms.pk) == [(toms.pk,)]
    assert own.rows(tom.pk, anas.pk) == []
    assert own.rows(ana.pk, anas.pk) == [(anas.pk,)]


def test_an_id_the_sql_does_not_carry_is_refused_with_the_reason():
    ignoring = PreparedQuery(lambda article_id: Article.objects.values_list("pk"))

    with pytest.raises(ValueError, match="are not parameters"):
        ignoring.rows(1)


def test_a_prepared_querys_values_are_what_the_orm_gives_dates_and_all():
    article = ArticleFactory(published=True)
    fields = ("pk", "published_at", "headline")
    prepared = PreparedQuery(
        lambda article_id: Article.objects.filter(pk=article_id).values_list(*fields)
    )

    assert prepared.values(article.pk) == list(
        Article.objects.filter(pk=article.pk).values_list(*fields)
    )
    assert prepared.values(article.pk)[0][1].tzinfo is not None
