"""What the site asks of Stripe: Checkout sessions, the customer portal, and the nightly
reconciliation. Stripe itself cannot be reached from here: the one test with a server runs
the official library against localstripe (tests/stripe_server.py), which answers
subscriptions as Stripe would; it has no Checkout and no portal, so for those two the test
checks what the library sent at the boundary and the address it sends the reader to. The
fast tests in process cover what the reader is told when input is wrong or Stripe is away."""

from datetime import datetime, timedelta

import pytest
import stripe
import time_machine
from django.test import Client
from django.utils import timezone

from memberships.models import Membership, ReconciliationRun
from memberships.tasks import reconcile_if_due
from tests import people
from tests.memberships.conftest import story
from tests.pgserver import free_port
from tests.stripe_server import SECRET_KEY, stripe_server

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def away(settings):
    """Stripe unreachable: nothing listens at its address."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"
    settings.STRIPE_NETWORK_RETRIES = 0


def test_joining_asks_a_reader_to_log_in_first(gold):
    response = Client().get("/payments/join/gold/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_offer_at_a_wall_links_to_joining_each_tier(gold):
    article = story()
    page = Client().get(article.get_absolute_url()).content.decode()

    assert f'href="/payments/join/gold/?next={article.get_absolute_url()}"' in page
    assert "Join as a Gold member" in page


def test_the_join_page_offers_the_tiers_prices(gold):
    response = signed_in(people.reader()).get("/payments/join/gold/")
    page = response.content.decode()

    assert "Become a Gold member" in page
    assert "9.00 a month" in page
    # The browser lets the form's answer lead to Stripe's page (CSP form-action).
    assert "form-action 'self' https://checkout.stripe.com" in response["Content-Security-Policy"]


def test_joining_without_a_period_says_so_and_charges_nothing(gold, away):
    response = signed_in(people.reader()).post("/payments/join/gold/", {"period": "week"})

    assert response.status_code == 400
    assert "Choose monthly or yearly." in response.content.decode()


def test_a_donation_of_no_amount_says_so(away):
    response = signed_in(people.reader()).post("/payments/donate/", {"amount": "lots"})

    assert response.status_code == 400
    assert "Give an amount between 1 and 10000." in response.content.decode()


def test_back_from_paying_the_reader_is_on_the_story_with_a_thank_you(gold):
    article = story()
    client = signed_in(people.reader())
    url = f"/payments/back/joined/?next={article.get_absolute_url()}"

    response = client.get(url, follow=True)

    assert response.redirect_chain == [(article.get_absolute_url(), 302)]
    assert "Thank you for joining." in response.content.decode()
    # Only a return from paying: the page is no thank-you when opened again.
    assert "Thank you" not in client.get(article.get_absolute_url()).content.decode()


def test_back_from_paying_to_another_site_goes_home_instead(gold):
    response = signed_in(people.reader()).get("/payments/back/donated/?next=https://evil.example/")

    assert response["Location"] == "/"


def test_when_stripe_is_away_the_reader_is_told_and_nothing_is_charged(gold, away):
    reader = people.reader()
    joined = signed_in(reader).post("/payments/join/gold/", {"period": "month"})
    donated = signed_in(reader).post("/payments/donate/", {"amount": "20"})

    for response in (joined, donated):
        assert response.status_code == 400
        assert "could not be reached; nothing was charged" in response.content.decode()
    assert not Membership.objects.exists()


def test_the_portal_needs_a_paid_membership(away):
    response = signed_in(people.reader()).post("/payments/portal/", follow=True)

    assert "You have no paid membership to change." in response.content.decode()


def test_the_reconciliation_starts_once_a_night_after_its_time(
    settings, django_capture_on_commit_callbacks
):
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.MEMBERSHIPS_RECONCILE_TIME = "03:30"
    night = timezone.make_aware(datetime(2026, 3, 2, 3, 29))
    with time_machine.travel(night, tick=False):
        assert reconcile_if_due() is None
    with time_machine.travel(night + timedelta(minutes=2), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            assert reconcile_if_due() is not None  # nothing to reconcile: no call to Stripe
        assert reconcile_if_due() is None  # the next beat, or another worker
    assert ReconciliationRun.objects.count() == 1


@pytest.mark.own_servers
def test_checkout_portal_and_reconciliation_against_localstripe(
    settings, gold, django_capture_on_commit_callbacks
):
    with stripe_server() as server:
        settings.STRIPE_SECRET_KEY = SECRET_KEY
        settings.STRIPE_API_BASE = server.api_base
        settings.SITE_URL = "https://news.example"
        reader = people.reader(email="ines@example.com")
        client = signed_in(reader)

        # Checkout for a tier, then a monthly donation: the reader is sent to Stripe's page.
        joined = client.post("/payments/join/gold/", {"period": "month", "next": "/about/"})
        # Posted again (a double click): the same session, and Stripe is not asked again.
        again = client.post("/payments/join/gold/", {"period": "month", "next": "/about/"})
        donated = client.post("/payments/donate/", {"amount": "12.50", "recurring": "1"})
        assert joined.status_code == again.status_code == donated.status_code == 302
        assert joined["Location"].startswith("https://checkout.stripe.com/")
        assert again["Location"] == joined["Location"]
        sent = server.boundary_requests()
        assert len(sent) == 2  # one session for the tier, one for the donation
        assert all(r["idempotency_key"].startswith("newsroom-checkout-") for r in sent)
        tier_session, donation = (r["params"] for r in sent)
        assert tier_session["mode"] == "subscription"
        assert tier_session["customer_email"] == "ines@example.com"
        assert tier_session["success_url"] == (
            "https://news.example/payments/back/joined/?next=%2Fabout%2F"
        )
        price = tier_session["line_items"][0]["price_data"]
        assert (price["unit_amount"], price["recurring"]["interval"]) == ("900", "month")
        assert tier_session["subscription_data"]["metadata"]["tier_id"] == str(gold.pk)
        assert donation["metadata"]["kind"] == "donation"
        assert donation["line_items"][0]["price_data"]["unit_amount"] == "1250"

        # Stripe's side of three members, made through the same library.
        api = stripe.StripeClient(SECRET_KEY, base_addresses={"api": server.api_base})
        card = api.v1.tokens.create(
            params={
                "card": {
                    "number": "4242424242424242",
                    "exp_month": "12",
                    "exp_year": "2040",
                    "cvc": "123",
                }
            }
        )
        customer = api.v1.customers.create(params={"email": reader.email, "source": card.id})
        api.v1.plans.create(
            params={
                "id": "gold-month",
                "amount": 900,
                "currency": "eur",
                "interval": "month",
                "product": {"name": "Gold"},
            }
        )
        paying, leaving = (
            api.v1.subscriptions.create(
                params={"customer": customer.id, "items": [{"plan": "gold-month"}]}
            )
            for _ in range(2)
        )
        api.v1.subscriptions.cancel(leaving.id)

        def row(sub_id, **fields):
            return Membership.objects.create(
                user=people.reader(),
                tier=gold,
                source="provider",
                provider_customer=customer.id,
                provider_subscription=sub_id,
                **fields,
            )

        # What lost webhooks left: a renewal never heard of, a cancellation never heard of,
        # and a subscription Stripe does not know.
        lapsed = row(
            paying.id, status="past_due", current_period_end=timezone.now() - timedelta(days=1)
        )
        still_open = row(leaving.id, current_period_end=timezone.now() + timedelta(days=20))
        unknown = row("sub_never_made", current_period_end=timezone.now() + timedelta(days=20))

        portal = signed_in(lapsed.user).post("/payments/portal/")
        assert portal["Location"].startswith("https://billing.stripe.com/")
        assert server.boundary_requests()[-1]["params"]["customer"] == customer.id

        settings.MEMBERSHIPS_RECONCILE_TIME = "00:00"
        with django_capture_on_commit_callbacks(execute=True):
            run = reconcile_if_due()

        for membership in (lapsed, still_open, unknown):
            membership.refresh_from_db()
        truth = api.v1.subscriptions.retrieve(paying.id).to_dict()["current_period_end"]
        assert lapsed.status == "active" and lapsed.is_current()
        assert lapsed.current_period_end.timestamp() == truth
        assert still_open.status == unknown.status == "cancelled"
        run.refresh_from_db()
        assert (run.checked, run.mended) == (3, 3)
