from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from articles.models import Article
from tests.factories import ArticleFactory

NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)
PAST = NOW - timedelta(minutes=1)
FUTURE = NOW + timedelta(minutes=1)

MATRIX = [
    # status, published_at, visible to the public
    (Article.Status.DRAFT, None, False),
    (Article.Status.DRAFT, PAST, False),
    (Article.Status.DRAFT, FUTURE, False),
    (Article.Status.IN_REVIEW, None, False),
    (Article.Status.IN_REVIEW, PAST, False),
    (Article.Status.IN_REVIEW, FUTURE, False),
    (Article.Status.PUBLISHED, None, False),
    (Article.Status.PUBLISHED, PAST, True),
    (Article.Status.PUBLISHED, NOW, True),
    (Article.Status.PUBLISHED, FUTURE, False),
    (Article.Status.ARCHIVED, None, False),
    (Article.Status.ARCHIVED, PAST, False),
    (Article.Status.ARCHIVED, FUTURE, False),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "published_at", "visible"), MATRIX)
def test_published_is_the_one_rule_for_what_the_public_sees(status, published_at, visible):
    article = ArticleFactory(status=status, published_at=published_at)
    scheduled = status == Article.Status.PUBLISHED and published_at == FUTURE
    with time_machine.travel(NOW, tick=False):
        assert (article in Article.objects.published()) is visible
        assert article.is_published is visible
        assert (article in Article.objects.scheduled()) is scheduled
        assert article.is_scheduled is scheduled


@pytest.mark.django_db
def test_a_scheduled_article_goes_public_by_the_clock_alone():
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=FUTURE)
    with time_machine.travel(NOW, tick=False):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_scheduled
    with time_machine.travel(FUTURE + timedelta(seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert not article.is_scheduled
