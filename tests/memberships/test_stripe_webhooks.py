"""The Stripe webhook, in process: events of Stripe's documented shapes (built here as
dicts) signed the way Stripe signs them (`Stripe-Signature: t=...,v1=HMAC-SHA256`), each
sent twice and out of order. Stripe itself cannot be reached from here: what it would send
is taken from its API reference (docs/memberships.md says so); that is the boundary."""

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.test import Client

from memberships.models import Membership, ProviderEvent
from shared.cache import content_version
from tests import people

pytestmark = pytest.mark.django_db

SECRET = "whsec_tests_only"
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
URL = "/payments/stripe/webhook/"
MONTH = timedelta(days=30)


@pytest.fixture(autouse=True)
def stripe_settings(settings):
    settings.STRIPE_WEBHOOK_SECRET = SECRET
    settings.MEMBERSHIPS_GRACE_DAYS = 7
    with time_machine.travel(NOW, tick=False):
        yield


def ts(moment):
    return int(moment.timestamp())


def sign(payload, secret=SECRET):
    t = int(time.time())
    mac = hmac.new(secret.encode(), f"{t}.{payload}".encode(), hashlib.sha256).hexdigest()
    return f"t={t},v1={mac}"


def event(kind, obj, at, event_id=None):
    return {
        "id": event_id or f"evt_{kind.replace('.', '_')}_{ts(at)}",
        "object": "event",
        "api_version": "2025-03-31.basil",
        "created": ts(at),
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": kind,
        "data": {"object": obj},
    }


def send(evt, signature=None):
    payload = json.dumps(evt)
    return Client().post(
        URL,
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature if signature is not None else sign(payload),
    )


def subscription(status="active", end=NOW + MONTH, metadata=None, sub="sub_1", cus="cus_1"):
    return {
        "id": sub,
        "object": "subscription",
        "customer": cus,
        "status": status,
        "cancel_at_period_end": False,
        "created": ts(NOW),
        "start_date": ts(NOW),
        "metadata": metadata or {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": "si_1",
                    "object": "subscription_item",
                    "current_period_start": ts(end - MONTH),
                    "current_period_end": ts(end),
                }
            ],
        },
    }


def invoice(status="paid", end=NOW + MONTH, sub="sub_1", cus="cus_1", number="in_1"):
    return {
        "id": number,
        "object": "invoice",
        "customer": cus,
        "status": status,
        "parent": {
            "type": "subscription_details",
            "subscription_details": {"subscription": sub, "metadata": {}},
        },
        "lines": {
            "object": "list",
            "data": [
                {
                    "id": "il_1",
                    "object": "line_item",
                    "period": {"start": ts(end - MONTH), "end": ts(end)},
                }
            ],
        },
    }


def checkout(user, tier, mode="subscription", sub="sub_1", kind="membership", amount=900):
    return {
        "id": "cs_test_1",
        "object": "checkout.session",
        "mode": mode,
        "status": "complete",
        "payment_status": "paid",
        "customer": "cus_1",
        "subscription": sub if mode == "subscription" else None,
        "client_reference_id": str(user.pk),
        "amount_total": amount,
        "currency": "eur",
        "metadata": {
            "kind": kind,
            "user_id": str(user.pk),
            "tier_id": str(tier.pk) if tier else "",
        },
    }


def meta(user, tier):
    return {"kind": "membership", "user_id": str(user.pk), "tier_id": str(tier.pk)}


def the_membership():
    return Membership.objects.get()


def test_a_checkout_and_its_subscription_each_sent_twice_make_one_member(gold):
    reader = people.reader()
    created = event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW)
    completed = event("checkout.session.completed", checkout(reader, gold), NOW)
    for evt in (completed, created, completed, created):
        assert send(evt).status_code == 200

    membership = the_membership()
    assert membership.user == reader and membership.tier == gold
    assert membership.status == "active" and membership.is_current()
    assert membership.current_period_end == NOW + MONTH  # the subscription's own period
    assert (membership.provider_customer, membership.provider_subscription) == ("cus_1", "sub_1")
    assert ProviderEvent.objects.count() == 2
    assert send(created).content == b"already processed"


def test_the_subscription_before_its_checkout_makes_the_same_member(gold):
    reader = people.reader()
    send(event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW))
    send(event("checkout.session.completed", checkout(reader, gold), NOW))

    membership = the_membership()
    assert membership.status == "active"
    assert membership.current_period_end == NOW + MONTH


def test_an_older_update_arriving_late_changes_nothing_back(gold):
    reader = people.reader()
    send(event("checkout.session.completed", checkout(reader, gold), NOW))
    renewed = subscription(end=NOW + 2 * MONTH, metadata=meta(reader, gold))
    send(event("customer.subscription.updated", renewed, NOW + timedelta(hours=2)))
    stale = subscription(status="past_due", metadata=meta(reader, gold))
    response = send(event("customer.subscription.updated", stale, NOW + timedelta(hours=1)))

    assert b"older than the state applied" in response.content
    membership = the_membership()
    assert membership.status == "active"
    assert membership.current_period_end == NOW + 2 * MONTH


def test_a_deleted_subscription_ends_access_at_once_whatever_comes_after(gold):
    reader = people.reader()
    send(event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW))
    deleted = subscription(status="canceled", metadata=meta(reader, gold))
    later = NOW + timedelta(minutes=5)
    for _ in range(2):
        send(event("customer.subscription.deleted", deleted, later))
    # Events from before the cancellation, delivered after it, and a paid invoice.
    send(event("customer.subscription.updated", subscription(metadata=meta(reader, gold)), NOW))
    send(event("invoice.paid", invoice(), NOW + timedelta(minutes=1)))

    membership = the_membership()
    assert membership.status == "cancelled"
    assert not membership.is_current()


def test_a_failed_payment_keeps_access_for_the_grace_period_then_it_ends(gold):
    reader = people.reader()
    send(event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW))
    failed_at = NOW + timedelta(days=1)
    failed = event("invoice.payment_failed", invoice(status="open"), failed_at)
    send(failed)
    send(failed)
    # Stripe retries the charge; a second failure does not stretch the grace period.
    send(
        event(
            "invoice.payment_failed",
            invoice(status="open"),
            failed_at + timedelta(days=3),
            "evt_f2",
        )
    )

    membership = the_membership()
    assert membership.status == "past_due"
    assert membership.current_period_end == failed_at + timedelta(days=7)
    assert membership.is_current(now=failed_at + timedelta(days=6, hours=23))
    assert not membership.is_current(now=failed_at + timedelta(days=7, minutes=1))


def test_a_payment_after_a_failure_restores_access_and_an_older_failure_cannot_undo_it(gold):
    reader = people.reader()
    send(event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW))
    paid = invoice(end=NOW + 2 * MONTH, number="in_2")
    send(event("invoice.paid", paid, NOW + timedelta(days=2)))
    send(event("invoice.payment_failed", invoice(status="open"), NOW + timedelta(days=1)))

    membership = the_membership()
    assert membership.status == "active"
    assert membership.current_period_end == NOW + 2 * MONTH


def test_a_bad_signature_is_refused_and_changes_nothing(gold):
    reader = people.reader()
    evt = event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW)
    payload = json.dumps(evt)

    assert send(evt, signature=sign(payload, secret="whsec_someone_else")).status_code == 400
    assert send(evt, signature="").status_code == 400
    tampered = sign(payload).replace("v1=", "v1=0")
    assert send(evt, signature=tampered).status_code == 400
    assert not Membership.objects.exists()
    assert not ProviderEvent.objects.exists()


def test_an_old_signature_replayed_is_refused(gold):
    reader = people.reader()
    evt = event("customer.subscription.created", subscription(metadata=meta(reader, gold)), NOW)
    signature = sign(json.dumps(evt))
    with time_machine.travel(NOW + timedelta(minutes=10), tick=False):
        assert send(evt, signature=signature).status_code == 400
    assert not Membership.objects.exists()


def test_an_unknown_customer_is_recorded_and_granted_nothing():
    unknown = subscription(sub="sub_x", cus="cus_nobody")
    response = send(event("customer.subscription.updated", unknown, NOW))
    paid = send(event("invoice.paid", invoice(sub="sub_x", cus="cus_nobody"), NOW))

    assert response.status_code == paid.status_code == 200
    assert not Membership.objects.exists()
    recorded = ProviderEvent.objects.get(type="customer.subscription.updated")
    assert recorded.customer == "cus_nobody"
    assert "unknown customer cus_nobody" in recorded.outcome
    assert "nothing granted" in ProviderEvent.objects.get(type="invoice.paid").outcome


def test_a_donation_is_recorded_and_makes_no_member():
    reader = people.reader()
    response = send(
        event(
            "checkout.session.completed",
            checkout(reader, None, mode="payment", kind="donation", amount=2500),
            NOW,
        )
    )

    assert response.content == b"donation of 25.00 EUR"
    assert not Membership.objects.exists()


def test_membership_changes_mark_no_public_page(gold):
    reader = people.reader()
    before = content_version()
    send(event("checkout.session.completed", checkout(reader, gold), NOW))
    send(
        event(
            "customer.subscription.deleted",
            subscription(status="canceled"),
            NOW + timedelta(minutes=1),
        )
    )

    assert the_membership().status == "cancelled"
    assert content_version() == before


def test_without_a_webhook_secret_every_event_is_refused(settings, gold):
    settings.STRIPE_WEBHOOK_SECRET = ""
    evt = event(
        "customer.subscription.created", subscription(metadata=meta(people.reader(), gold)), NOW
    )

    assert send(evt, signature=sign(json.dumps(evt))).status_code == 400
    assert not Membership.objects.exists()


def test_editors_see_what_each_event_did():
    send(event("customer.subscription.updated", subscription(cus="cus_nobody"), NOW))
    client = Client()
    client.force_login(people.editor())
    page = client.get("/admin/memberships/providerevent/").content.decode()

    assert "unknown customer cus_nobody" in page
