"""Writes to memberships. Each names what it changed through the model's receivers."""

from django.db import transaction

from .models import Membership


@transaction.atomic
def membership_grant(*, user, tier, by, ends=None, note=""):
    """A complimentary membership granted by an Editor: it counts at once, until `ends`."""
    return Membership.objects.create(
        user=user,
        tier=tier,
        current_period_end=ends,
        source=Membership.Source.COMPLIMENTARY,
        granted_by=by,
        note=note,
    )


@transaction.atomic
def membership_cancel(*, membership):
    """Ends access at once (a complimentary one taken back, a refund)."""
    membership.status = Membership.Status.CANCELLED
    membership.save(update_fields=["status", "updated_at"])
    return membership
