import pytest

from tests import people
from tests.factories import ArticleFactory


@pytest.fixture
def sofia(db):
    """A Writer with a draft of her own, which she may change."""
    return people.writer(username="sofia", display_name="Sofia Reyes")


@pytest.fixture
def edda(db):
    return people.editor(username="edda", display_name="Edda Lund")


@pytest.fixture
def draft(sofia):
    return ArticleFactory(authors=[sofia], headline="Harbour ferry strike looms")


def as_user(client, user):
    client.force_login(user)
    return client
