"""Stripe, through its official library (docs/memberships.md).

Outbound: Checkout sessions (a tier monthly or yearly; a donation once or monthly, priced
inline so no price ids need keeping in step), the customer portal, and a subscription's
retrieval for the nightly reconciliation. Inbound: the webhook, verified by its signature
(`stripe.Webhook.construct_event` with STRIPE_WEBHOOK_SECRET), kept once by event id
(`ProviderEvent`) and applied by the event's own time (memberships/providers.py), so a
second delivery or one out of order changes nothing.

Stripe itself cannot be reached from the machines this is built and tested on: the tests
sign events of Stripe's documented shapes and point `api_base` at localstripe
(tests/stripe_server.py). That is the boundary.
"""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import stripe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Membership, ProviderEvent, Tier
from .providers import BadEvent, State, apply_state, membership_start

# A checkout paid before its subscription event came: access for this long, until it does.
# Where Stripe sends a reader from our forms (Checkout, the customer portal): the pages with
# those forms allow them as a form's target (CSP form-action; browsers check the redirect).
PAGE_ORIGINS = ("https://checkout.stripe.com", "https://billing.stripe.com")

PROVISIONAL = timedelta(days=2)

HANDLED = {
    "checkout.session.completed",
    "customer.subscription.created",
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "invoice.paid",
    "invoice.payment_failed",
}

STATUSES = {
    "active": Membership.Status.ACTIVE,
    "trialing": Membership.Status.ACTIVE,
    "past_due": Membership.Status.PAST_DUE,
    "unpaid": Membership.Status.PAST_DUE,
    "paused": Membership.Status.PAST_DUE,
    "canceled": Membership.Status.CANCELLED,
    "incomplete_expired": Membership.Status.CANCELLED,
    "incomplete": "ignore",  # the first payment is not through: nothing granted yet
}


def when(timestamp):
    return datetime.fromtimestamp(int(timestamp), tz=UTC) if timestamp else None


def cents(amount):
    return int((Decimal(amount) * 100).to_integral_value())


def subscription_period_end(sub):
    # Since API version 2025-03-31 the period is on the subscription's items.
    end = sub.get("current_period_end")
    if end is None:
        items = (sub.get("items") or {}).get("data") or []
        ends = [item.get("current_period_end") for item in items if item.get("current_period_end")]
        end = max(ends) if ends else None
    return when(end)


def invoice_subscription(invoice):
    found = invoice.get("subscription")
    if found is None:  # API version 2025-03-31 on
        details = (invoice.get("parent") or {}).get("subscription_details") or {}
        found = details.get("subscription")
    return found.get("id") if isinstance(found, dict) else found


def invoice_period_end(invoice):
    lines = (invoice.get("lines") or {}).get("data") or []
    ends = [line["period"]["end"] for line in lines if (line.get("period") or {}).get("end")]
    return when(max(ends)) if ends else when(invoice.get("period_end"))


class StripeProvider:
    name = "stripe"

    def __init__(self):
        base = {"api": settings.STRIPE_API_BASE} if settings.STRIPE_API_BASE else None
        self.client = stripe.StripeClient(
            settings.STRIPE_SECRET_KEY or "sk_unset",
            base_addresses=base,
            max_network_retries=getattr(settings, "STRIPE_NETWORK_RETRIES", 2),
        )

    # Outbound -------------------------------------------------------------------------

    def _customer(self, user, params):
        known = (
            Membership.objects.filter(user=user)
            .exclude(provider_customer="")
            .values_list("provider_customer", flat=True)
            .first()
        )
        if known:
            params["customer"] = known
        elif user.email:
            params["customer_email"] = user.email
        return params

    @staticmethod
    def _once(idempotency_key):
        # Stripe answers a repeated key with the first answer (memberships/checkout_once.py).
        return {"idempotency_key": idempotency_key} if idempotency_key else {}

    def checkout_url(self, *, user, tier, period, success_url, cancel_url, idempotency_key=""):
        price = tier.monthly_price if period == "month" else tier.yearly_price
        if tier.kind != Tier.Kind.PAID or not price or period not in ("month", "year"):
            raise ValueError(f"{tier} is not sold {period}ly")
        metadata = {"kind": "membership", "user_id": str(user.pk), "tier_id": str(tier.pk)}
        params = {
            "mode": "subscription",
            "client_reference_id": str(user.pk),
            "line_items": [
                {
                    "quantity": 1,
                    "price_data": {
                        "currency": settings.STRIPE_CURRENCY,
                        "unit_amount": cents(price),
                        "recurring": {"interval": period},
                        "product_data": {"name": f"{tier.name} membership"},
                    },
                }
            ],
            "metadata": metadata,
            "subscription_data": {"metadata": metadata},
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        session = self.client.v1.checkout.sessions.create(
            params=self._customer(user, params), options=self._once(idempotency_key)
        )
        return session.url

    def donation_url(self, *, user, amount, recurring, success_url, cancel_url, idempotency_key=""):
        metadata = {"kind": "donation", "user_id": str(user.pk) if user else ""}
        price = {
            "currency": settings.STRIPE_CURRENCY,
            "unit_amount": cents(amount),
            "product_data": {"name": "Donation"},
        }
        params = {
            "mode": "subscription" if recurring else "payment",
            "line_items": [{"quantity": 1, "price_data": price}],
            "metadata": metadata,
            "success_url": success_url,
            "cancel_url": cancel_url,
        }
        if recurring:
            price["recurring"] = {"interval": "month"}
            params["subscription_data"] = {"metadata": metadata}
        else:
            params["submit_type"] = "donate"
        if user is not None and user.is_authenticated:
            params["client_reference_id"] = str(user.pk)
            self._customer(user, params)
        return self.client.v1.checkout.sessions.create(
            params=params, options=self._once(idempotency_key)
        ).url

    def portal_url(self, *, membership, return_url):
        session = self.client.v1.billing_portal.sessions.create(
            params={"customer": membership.provider_customer, "return_url": return_url}
        )
        return session.url

    def reconcile(self, membership):
        """Ask Stripe for the subscription and apply it as true now (newer than any event)."""
        before = (membership.status, membership.current_period_end)
        try:
            sub = self.client.v1.subscriptions.retrieve(membership.provider_subscription)
        except stripe.InvalidRequestError as error:
            if error.code != "resource_missing" and error.http_status != 404:
                raise  # only "no such subscription" ends it
            state = State(Membership.Status.CANCELLED, timezone.now())
        else:
            sub = sub.to_dict()
            state = State(STATUSES.get(sub["status"], "ignore"), timezone.now())
            state.period_end = subscription_period_end(sub)
        apply_state(membership, state)
        membership.refresh_from_db()
        return (membership.status, membership.current_period_end) != before

    # Inbound --------------------------------------------------------------------------

    def handle_event(self, *, payload, signature):
        secret = settings.STRIPE_WEBHOOK_SECRET
        if not secret:
            raise BadEvent("STRIPE_WEBHOOK_SECRET is not set")
        try:
            stripe.Webhook.construct_event(payload, signature, secret)
            event = json.loads(payload)
            obj = event["data"]["object"]
            at = when(event["created"])
            event_id, kind = event["id"], event["type"]
        except (stripe.SignatureVerificationError, ValueError, KeyError, TypeError) as error:
            raise BadEvent(str(error)) from error
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = ProviderEvent.objects.create(
                        provider=self.name,
                        event_id=event_id,
                        type=kind,
                        created=at,
                        customer=str(obj.get("customer") or "")[:255],
                    )
            except IntegrityError:
                return "already processed"
            record.outcome = self._apply(kind, obj, at) if kind in HANDLED else "not handled"
            record.save(update_fields=["outcome"])
        return record.outcome

    def _apply(self, kind, obj, at):
        if kind == "checkout.session.completed":
            return self._checkout_completed(obj, at)
        if kind.startswith("customer.subscription."):
            status = STATUSES.get(obj.get("status"), "ignore")
            if kind == "customer.subscription.deleted":
                status = Membership.Status.CANCELLED
            state = State(status, at, subscription_period_end(obj))
            return self._subscription_state(obj["id"], obj, state)
        sub_id = invoice_subscription(obj)
        if kind == "invoice.paid":
            state = State(Membership.Status.ACTIVE, at, invoice_period_end(obj))
        else:
            state = State(Membership.Status.PAST_DUE, at, None)
        if not sub_id:
            return self._unknown(obj, "an invoice of no subscription")
        return self._subscription_state(sub_id, {"customer": obj.get("customer")}, state)

    def _subscription_state(self, sub_id, sub, state):
        row = Membership.objects.filter(provider_subscription=sub_id).first()
        if row is not None:
            return apply_state(row, state)
        metadata = sub.get("metadata") or {}
        if metadata.get("kind") == "donation":
            return "a recurring donation: nothing granted"
        owner = self._owner(metadata)
        if owner is None:
            return self._unknown(sub, "no membership for this subscription")
        if state.status not in (Membership.Status.ACTIVE, Membership.Status.PAST_DUE):
            return f"{state.status} before it began: nothing granted"
        user, tier = owner
        membership_start(
            user=user, tier=tier, customer=sub.get("customer"), subscription=sub_id, state=state
        )
        return f"started: {state.status}"

    def _checkout_completed(self, session, at):
        metadata = session.get("metadata") or {}
        if metadata.get("kind") == "donation" or session.get("mode") == "payment":
            total = Decimal(session.get("amount_total") or 0) / 100
            currency = (session.get("currency") or "").upper()
            return f"donation of {total:.2f} {currency}".strip()
        sub_id = session.get("subscription")
        if Membership.objects.filter(provider_subscription=sub_id).exists():
            return "already started by its subscription"
        owner = self._owner(metadata, session.get("client_reference_id"))
        if owner is None or not sub_id:
            return self._unknown(session, "a checkout for no reader or tier")
        user, tier = owner
        # Paid at checkout: access at once, until the subscription's own event (or the
        # nightly reconciliation) says the period; a day's provisional end until then.
        state = State(Membership.Status.ACTIVE, at, None)
        row = membership_start(
            user=user, tier=tier, customer=session.get("customer"), subscription=sub_id, state=state
        )
        row.current_period_end = at + PROVISIONAL
        row.save(update_fields=["current_period_end", "updated_at"])
        return "started: active"

    def _owner(self, metadata, user_id=None):
        user_id = metadata.get("user_id") or user_id
        tier_id = metadata.get("tier_id")
        if not (str(user_id or "").isdigit() and str(tier_id or "").isdigit()):
            return None
        user = get_user_model().objects.filter(pk=int(user_id)).first()
        tier = Tier.objects.filter(pk=int(tier_id)).first()
        return (user, tier) if user and tier else None

    def _unknown(self, obj, why):
        return f"unknown customer {obj.get('customer') or '?'}: {why}; nothing granted"
