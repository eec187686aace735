import pytest
from django.urls import reverse

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory


@pytest.fixture
def amara(db):
    return people.writer(display_name="Amara Okafor", email="amara@example.com")


@pytest.fixture
def sofia(db):
    return people.editor(display_name="Sofia Reyes", email="sofia@example.com")


@pytest.fixture
def draft(amara):
    return ArticleFactory(headline="Harbour fees rise", authors=[amara], created_by=amara)


@pytest.fixture
def in_review(amara):
    return ArticleFactory(
        headline="Harbour fees rise",
        authors=[amara],
        created_by=amara,
        status=Article.Status.IN_REVIEW,
    )


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])
