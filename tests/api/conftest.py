import pytest

from api.models import ApiKey, StaffToken
from tests import people


@pytest.fixture
def writer(db):
    return people.writer(display_name="Wren Writer")


@pytest.fixture
def editor(db):
    return people.editor(display_name="Edda Editor")


def issue(credential):
    secret = credential.issue()
    credential.save()
    return secret


@pytest.fixture
def make_key(db):
    def make(**fields):
        return issue(ApiKey(name="Partner app", **fields))

    return make


@pytest.fixture
def make_token(db):
    def make(user):
        return issue(StaffToken(name="Wire importer", user=user))

    return make
