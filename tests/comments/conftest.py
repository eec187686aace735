import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def relaxed_rules(settings):
    """Most tests post freely; the tests of each rule switch that rule back on."""
    settings.COMMENTS_HOLD_FIRST_COMMENT = False
    settings.COMMENTS_RATE_LIMITS = []
    settings.COMMENTS_BLOCKED_WORDS = []


@pytest.fixture
def reader(db):
    return UserFactory(username="reader", display_name="Rosa Reader")


@pytest.fixture
def reader_client(client, reader):
    client.force_login(reader)
    return client
