"""Members' own pages: their membership, and the gift links they make.

Both are one reader's own: under /accounts/ (never kept by the page cache) or a POST.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.models import Article

from . import access, gifts, offers
from .gate import rule_for
from .models import Membership
from .payment_views import to_provider


@require_POST
@login_required
def gift(request, article_id):
    """Make a gift link (the form under a gated story); works without JavaScript."""
    article = get_object_or_404(Article.objects.published(), pk=article_id)
    context = {"article": article, "left": 0}
    status = 200
    if not access.is_member(request):
        context["problem"] = "Only members can give stories."
        status = 403
    elif not rule_for(article).is_withheld:
        context["problem"] = "This story is free to read: share its address as it is."
        status = 400
    else:
        try:
            made = gifts.gift_create(giver=request.user, article=article)
        except gifts.GiftRefused as refused:
            context["problem"] = str(refused)
            status = 403
        else:
            context.update(link=gifts.link_for(request, made), gift=made)
    context["left"] = gifts.left_this_month(request.user)
    return render(request, "memberships/gift.html", context, status=status)


def offer_page(request):
    """Become a member: the tiers on offer and a donation, the same page for everyone (the
    footer links it while a tier is offered; a wall shows the same tiers)."""
    return render(request, "memberships/offer.html", {"tiers": offers.paid_tiers()})


def has_portal(membership):
    """Whether the payment provider's portal (change, cancel, receipts) can be offered: a
    paid membership it knows, with the provider set up (memberships/payment_views.portal
    opens it on a POST, so showing this page never calls the provider)."""
    return bool(
        membership.source == Membership.Source.PROVIDER
        and membership.provider_customer
        and settings.STRIPE_SECRET_KEY
    )


@never_cache
@to_provider  # the portal's form goes on to the provider's page
@login_required
def membership_page(request):
    now = timezone.now()
    current = [
        m
        for m in Membership.objects.filter(user=request.user).select_related("tier")
        if m.is_current(now)
    ]
    rows = [{"membership": m, "portal": has_portal(m)} for m in current]
    context = {
        "rows": rows,
        "tiers": [] if rows else offers.paid_tiers(),
        "given": gifts.given_this_month(request.user, now),
        "per_month": gifts.per_month(),
    }
    return render(request, "memberships/membership.html", context)
