"""Members of a tier as other apps ask for them (newsletters: an issue for one tier).

A tier's audience is its own members and those of every tier that opens its stories: a
membership tier ranked above it (higher includes lower, as access.opens_tier judges a read).

Current at the moment of asking: not cancelled and not past `current_period_end`, as a
page read judges them (access.py). Group tiers by e-mail domain or network have no rows
and are not an audience: only readers with a membership row of the tier are.
"""

from django.db.models import Q, Subquery
from django.utils import timezone

from .models import Membership, Tier


def tiers_opening(tier_id):
    """The tier and every tier ranked above it but a free one (equal ranks are peers)."""
    rank = Tier.objects.filter(pk=tier_id).values("rank")[:1]
    higher = Q(rank__gt=Subquery(rank)) & ~Q(kind=Tier.Kind.FREE)
    return Tier.objects.filter(Q(pk=tier_id) | higher).values("pk")


def member_user_ids(tier_id, now=None):
    """A subquery of the user ids with a current membership of `tier_id` or a higher tier."""
    now = now or timezone.now()
    return (
        Membership.objects.filter(tier_id__in=tiers_opening(tier_id))
        .exclude(status=Membership.Status.CANCELLED)
        .filter(Q(current_period_end__isnull=True) | Q(current_period_end__gt=now))
        .values("user_id")
    )
