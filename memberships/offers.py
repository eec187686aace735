"""The offer a reader meets at a wall: sign up (free), or become a member, by rule."""

from django.template.loader import get_template

from accounts.redirects import return_path
from shared.cache import cached_apart, depends_on
from shared.keys import TIERS, TIERS_OFFERED

from . import access
from .models import Level


def paid_tiers(wanted=None):
    """The tiers on offer; at a tier's wall only those that open it (it and higher ones)."""
    tiers = access.rules()["tiers"]
    return [
        tier
        for pk, tier in tiers.items()
        if tier["kind"] == "paid"
        and tier["offered"]
        and (wanted is None or access.opens_tier(tiers, pk, wanted))
    ]


def is_open():
    """Whether any paid tier is on offer (the footer's "Become a member" link). Read from
    the rules every page reads anyway, but what is built around it follows the tiers' own
    key alone: the footer kept in every page follows a tier offered or withdrawn, and a rule
    put on one story leaves every page as it was."""
    depends_on(None, TIERS)
    return cached_apart(TIERS_OFFERED, lambda: bool(paid_tiers()), [TIERS])


def render(request, rule):
    user = request.user
    needs = "members"
    if rule.level in (Level.REGISTERED, Level.METERED) and not user.is_authenticated:
        needs = "registration"
    context = {
        "needs": needs,
        "metered": rule.level == Level.METERED,
        "tier_name": access.tier_name(rule.tier_id) if rule.level == Level.TIER else "",
        "tiers": paid_tiers(rule.tier_id if rule.level == Level.TIER else None)
        if needs == "members"
        else [],
        "signed_in": user.is_authenticated,
        "next": return_path(request),
    }
    return get_template("memberships/_offer.html").render(context)
