"""The payment provider behind one small interface (issue 28, point 4).

A provider turns its own events (verified, idempotent, in any order) into the writes below,
keyed by `Membership.provider_customer` and `provider_subscription`, and a nightly job asks
it for the truth (`reconcile`, memberships/tasks.py). Stripe is the one built
(memberships/stripe_provider.py); another is a class with these methods, named in
MEMBERSHIPS_PROVIDER. The state rules live here, not in the provider, so every provider
applies them the same way:

- A state carries the time the provider says it was true (`at`); a row remembers the time
  of the last state applied (`provider_synced_at`) and ignores anything older, so events
  that arrive out of order change nothing back.
- A cancelled provider membership stays cancelled: a new subscription is a new row.
- A failed payment keeps access for MEMBERSHIPS_GRACE_DAYS from the failure, then it ends
  (by `current_period_end`: no job has to run for access to end).

Every write saves the `Membership` row, whose receiver marks only that reader's own key
(memberships/receivers.py): no public page goes stale.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from .models import Membership


class Provider(Protocol):
    name: str

    def checkout_url(
        self, *, user, tier, period, success_url, cancel_url, idempotency_key=""
    ) -> str:
        """Where to send a reader to pay for `tier` monthly or yearly. The same
        `idempotency_key` again answers the same place, starting nothing new."""

    def donation_url(
        self, *, user, amount, recurring, success_url, cancel_url, idempotency_key=""
    ) -> str:
        """Where to send a reader to give `amount` once, or every month (the same key: as
        above)."""

    def portal_url(self, *, membership, return_url) -> str:
        """Where a member changes or cancels their membership."""

    def handle_event(self, *, payload: bytes, signature: str) -> str:
        """Apply one verified event; twice or out of order, no change twice. Returns what
        it did; raises `BadEvent` for a payload that is not the provider's."""

    def reconcile(self, membership) -> bool:
        """Mend `membership` from what the provider says is true; True if it changed."""


PROVIDERS = {"stripe": "memberships.stripe_provider.StripeProvider"}


class BadEvent(Exception):
    """Not signed by the provider, or not an event: refused, nothing changed."""


def provider():
    name = getattr(settings, "MEMBERSHIPS_PROVIDER", "stripe")
    return import_string(PROVIDERS[name])()


@dataclass
class State:
    """What the provider says of one subscription at time `at`. `status` is one of
    Membership.Status or "ignore" (nothing granted, nothing taken)."""

    status: str
    at: datetime
    period_end: datetime | None = None


def grace():
    return timedelta(days=settings.MEMBERSHIPS_GRACE_DAYS)


def is_stale(membership, state):
    if membership.status == Membership.Status.CANCELLED:
        return True  # ended for good; a new subscription is a new row
    synced = membership.provider_synced_at
    return synced is not None and state.at < synced


@transaction.atomic
def apply_state(membership, state):
    """Write `state` onto `membership` unless something newer was applied. Returns what it
    did, for the event's record."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if state.status == "ignore":
        return "nothing to apply"
    if is_stale(membership, state):
        return "older than the state applied: ignored"
    if state.status == Membership.Status.PAST_DUE:
        cap = state.at + grace()
        if membership.status == Membership.Status.PAST_DUE and membership.current_period_end:
            cap = min(cap, membership.current_period_end)  # the grace runs from the first failure
        end = min(state.period_end, cap) if state.period_end else cap
    elif state.status == Membership.Status.CANCELLED:
        end = min(membership.current_period_end or state.at, state.at)
    else:
        end = state.period_end or membership.current_period_end
    membership.status = state.status
    membership.current_period_end = end
    membership.provider_synced_at = state.at
    membership.save(
        update_fields=["status", "current_period_end", "provider_synced_at", "updated_at"]
    )
    return f"applied: {state.status}"


def membership_start(*, user, tier, customer, subscription, state):
    """A new paid membership, from the checkout or the subscription's first event."""
    return Membership.objects.create(
        user=user,
        tier=tier,
        status=state.status,
        current_period_end=state.period_end,
        source=Membership.Source.PROVIDER,
        provider_customer=customer or "",
        provider_subscription=subscription,
        provider_synced_at=state.at if state.period_end else None,
        note="Paid through the payment provider.",
    )
