"""The payment provider behind one small interface (issue 28, point 4: Stripe comes next).

Nothing calls a provider yet: memberships are granted by Editors (complimentary). A
provider will turn its own events (verified, idempotent, in any order) into the same
writes `services.py` does, keyed by `Membership.provider_customer` and
`provider_subscription`, and a nightly job will ask it for the truth (`reconcile`).
"""

from typing import Protocol


class Provider(Protocol):
    name: str

    def checkout_url(self, *, user, tier, period, success_url, cancel_url) -> str:
        """Where to send a reader to pay for `tier` monthly or yearly."""

    def portal_url(self, *, membership, return_url) -> str:
        """Where a member changes or cancels their membership."""

    def handle_event(self, *, payload: bytes, signature: str) -> None:
        """Apply one verified event from the provider; twice or out of order, no change twice."""

    def reconcile(self, membership) -> None:
        """Mend `membership` from what the provider says is true."""


PROVIDERS: dict[str, Provider] = {}
