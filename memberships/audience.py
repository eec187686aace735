"""Members of a tier as other apps ask for them (newsletters: an issue for one tier).

Current at the moment of asking: not cancelled and not past `current_period_end`, as a
page read judges them (access.py). Group tiers by e-mail domain or network have no rows
and are not an audience: only readers with a membership row of the tier are.
"""

from django.db.models import Q
from django.utils import timezone

from .models import Membership


def member_user_ids(tier_id, now=None):
    """A subquery of the user ids with a current membership of `tier_id`."""
    now = now or timezone.now()
    return (
        Membership.objects.filter(tier_id=tier_id)
        .exclude(status=Membership.Status.CANCELLED)
        .filter(Q(current_period_end__isnull=True) | Q(current_period_end__gt=now))
        .values("user_id")
    )
