import pytest

from tests import people
from tests.factories import ArticleFactory


@pytest.fixture
def writer():
    return people.writer(username="amira", display_name="Amira Haddad")


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        headline="Harbour fees rise",
        body="The council met on Tuesday.\n\nFees rise by a tenth.",
        authors=[writer],
    )


@pytest.fixture
def published(writer):
    return ArticleFactory(
        published=True,
        headline="Harbour fees rise",
        body="The council met on Tuesday.\n\nFees rise by a tenth.",
        authors=[writer],
    )


def autosave_url(article):
    return f"/admin/autosave/{article.pk}/"


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"
