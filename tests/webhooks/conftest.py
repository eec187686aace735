import pytest

from tests.webhooks.receiver import receiver
from webhooks.models import Endpoint, Event


@pytest.fixture
def hook_receiver(settings):
    settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]  # the tests' own receiver
    settings.SITE_URL = "https://news.example"
    with receiver() as state:
        yield state


@pytest.fixture
def endpoint(db, hook_receiver):
    return Endpoint.objects.create(
        name="Partner app", url=hook_receiver.url, secret="s3cret", events=list(Event.values)
    )
