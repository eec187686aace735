"""The offer a reader meets at a wall: sign up (free), or become a member, by rule."""

from django.template.loader import get_template

from accounts.redirects import return_path

from . import access
from .models import Level


def paid_tiers():
    return [
        tier
        for tier in access.rules()["tiers"].values()
        if tier["kind"] == "paid" and tier["offered"]
    ]


def render(request, rule):
    user = request.user
    needs = "members"
    if rule.level in (Level.REGISTERED, Level.METERED) and not user.is_authenticated:
        needs = "registration"
    context = {
        "needs": needs,
        "metered": rule.level == Level.METERED,
        "tier_name": access.tier_name(rule.tier_id) if rule.level == Level.TIER else "",
        "tiers": paid_tiers() if needs == "members" else [],
        "signed_in": user.is_authenticated,
        "next": return_path(request),
    }
    return get_template("memberships/_offer.html").render(context)
