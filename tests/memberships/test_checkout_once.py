"""Join or donate posted twice goes to one Checkout session: the second post is sent where
the first was, and the provider is asked once. Stripe cannot be reached from here, so these
fast tests put a stand-in provider behind the provider's interface (memberships/providers.py)
that counts the sessions it is asked for; the localstripe test in test_stripe_outbound.py
shows the Stripe provider sends the idempotency key at the boundary."""

import datetime
import itertools

import pytest
import stripe
import time_machine
from django.test import Client
from django.utils import timezone

from memberships import providers
from memberships.checkout_once import started_once
from tests import people

pytestmark = pytest.mark.django_db


class CountingProvider:
    """A payment provider's outbound half that makes a new session for each new key."""

    name = "counting"
    sessions = []
    numbers = itertools.count(1)
    away = False

    def _start(self, key, **what):
        if self.away:
            raise stripe.APIConnectionError("Stripe could not be reached")
        for known_key, url in self.sessions:
            if key and known_key == key:
                return url  # what Stripe does with a repeated idempotency key
        url = f"https://checkout.stripe.com/c/pay/cs_test_{next(self.numbers)}"
        self.sessions.append((key, url))
        return url

    def checkout_url(self, *, user, tier, period, success_url, cancel_url, idempotency_key=""):
        return self._start(idempotency_key, tier=tier, period=period)

    def donation_url(self, *, user, amount, recurring, success_url, cancel_url, idempotency_key=""):
        return self._start(idempotency_key, amount=amount)


@pytest.fixture
def counting(settings, monkeypatch):
    monkeypatch.setitem(providers.PROVIDERS, "counting", f"{__name__}.CountingProvider")
    settings.MEMBERSHIPS_PROVIDER = "counting"
    CountingProvider.sessions = []
    monkeypatch.setattr(CountingProvider, "away", False)
    return CountingProvider.sessions


def signed_in(user=None):
    client = Client()
    client.force_login(user or people.reader())
    return client


def test_join_posted_twice_goes_to_the_same_session_started_once(gold, counting):
    client = signed_in()
    first = client.post("/payments/join/gold/", {"period": "month", "next": "/about/"})
    again = client.post("/payments/join/gold/", {"period": "month", "next": "/about/"})
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert len(counting) == 1


def test_another_period_another_reader_or_a_later_visit_is_a_new_session(gold, counting):
    gold.yearly_price = 90
    gold.save()
    reader = people.reader()
    client = signed_in(reader)
    monthly = client.post("/payments/join/gold/", {"period": "month"})["Location"]
    yearly = client.post("/payments/join/gold/", {"period": "year"})["Location"]
    someone_else = signed_in().post("/payments/join/gold/", {"period": "month"})["Location"]
    assert len({monthly, yearly, someone_else}) == 3
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6)):
        later = signed_in(reader).post("/payments/join/gold/", {"period": "month"})
    assert later["Location"] not in {monthly, yearly, someone_else}
    assert len(counting) == 4


def test_a_donation_posted_twice_goes_to_one_session_and_another_amount_to_another(counting):
    client = signed_in()
    first = client.post("/payments/donate/", {"amount": "12.50", "recurring": "1"})
    again = client.post("/payments/donate/", {"amount": "12.5", "recurring": "1"})
    other = client.post("/payments/donate/", {"amount": "20"})
    assert first["Location"] == again["Location"] != other["Location"]
    assert len(counting) == 2


def test_two_posts_at_once_ask_the_provider_with_one_idempotency_key(gold, counting):
    """The second post arrives while the first is still with the provider: it finds the
    first's claim but no address yet, and asks with the same key (Stripe then answers it
    with the first's session)."""
    reader = people.reader()
    keys = []

    def start(key):
        keys.append(key)
        if len(keys) == 1:  # the second post comes in now, while the first waits
            inner = started_once(reader, ["join", "gold"], lambda k: keys.append(k) or "B")
            assert inner == "B"
        return "A"

    assert started_once(reader, ["join", "gold"], start) == "A"
    assert len(keys) == 2 and keys[0] == keys[1] and keys[0].startswith("newsroom-checkout-")
    assert started_once(reader, ["join", "gold"], start) == "A"  # kept: not asked again
    assert len(keys) == 2


def test_when_the_provider_fails_trying_again_starts_afresh(gold, counting):
    CountingProvider.away = True
    client = signed_in()
    failed = client.post("/payments/join/gold/", {"period": "month"})
    assert failed.status_code == 400 and "could not be reached" in failed.content.decode()
    CountingProvider.away = False
    retried = client.post("/payments/join/gold/", {"period": "month"})
    assert retried.status_code == 302 and len(counting) == 1
