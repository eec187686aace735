"""The payment provider's pages: start a Checkout (a tier, a donation), open the customer
portal, and take the provider's webhook. Plain forms and redirects; no JavaScript needed.

The join and donate pages are for one reader (a form with its CSRF token), never cached;
the offer at a wall links to them with a plain link, so the shared page stays shared.
"""

import logging
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

import stripe
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.redirects import safe_next

from .checkout_once import started_once
from .models import Membership, Tier
from .providers import BadEvent, provider
from .stripe_provider import PAGE_ORIGINS

logger = logging.getLogger(__name__)

UNREACHABLE = "The payment service could not be reached; nothing was charged. Please try again."
# The site's CSP lets a form lead only to this site, and a browser holds a form's redirect to
# that too: the pages whose forms go on to the provider's pages allow them.
to_provider = csp_update({"form-action": list(PAGE_ORIGINS)})
MIN_DONATION, MAX_DONATION = Decimal("1"), Decimal("10000")


def _urls(request, done):
    back = safe_next(request, "/")
    if not back.startswith("/") or back.startswith("//"):
        back = "/"  # an address on this site, written from SITE_URL (never the Host)
    # Success comes back through `returned`, which says so and goes on to the story: a
    # parameter on the story's own address would be dropped by the page cache and the edge.
    returned_url = reverse(f"payments:returned-{done}")
    return {
        "success_url": f"{settings.SITE_URL}{returned_url}?{urlencode({'next': back})}",
        "cancel_url": f"{settings.SITE_URL}{back}",
    }


RETURNED = {
    "joined": "Thank you for joining. Your membership starts as soon as the payment is "
    "confirmed, usually within a minute.",
    "donated": "Thank you for your donation: it keeps our journalism going.",
}


@never_cache
@login_required
def returned(request, done):
    """Where the provider sends a reader who paid: a message (a flash, drawn in the story's
    page as the reader's own part), and back to where they were. The payment itself is
    taken from the provider's webhook, never from this address, which anyone can open."""
    messages.success(request, RETURNED[done])
    return redirect(safe_next(request, "/"))


@never_cache
@to_provider
@login_required
def join(request, slug):
    tier = get_object_or_404(Tier, slug=slug, kind=Tier.Kind.PAID, is_active=True)
    error = ""
    if request.method == "POST":
        period = request.POST.get("period")
        if period in ("month", "year") and (
            tier.monthly_price if period == "month" else tier.yearly_price
        ):
            price = tier.monthly_price if period == "month" else tier.yearly_price
            urls = _urls(request, "joined")
            what = ["join", tier.pk, period, price, urls["success_url"], urls["cancel_url"]]
            try:
                url = started_once(
                    request.user,
                    what,
                    lambda key: provider().checkout_url(
                        user=request.user, tier=tier, period=period, idempotency_key=key, **urls
                    ),
                )
            except stripe.StripeError:
                logger.exception("Checkout for %s could not be started", tier)
                error = UNREACHABLE
            else:
                return redirect(url)
        else:
            error = "Choose monthly or yearly."
    context = {"tier": tier, "error": error, "next": safe_next(request, "/")}
    return render(request, "memberships/join.html", context, status=400 if error else 200)


@never_cache
@to_provider
@login_required
def donate(request):
    error = ""
    if request.method == "POST":
        try:
            amount = Decimal(request.POST.get("amount", "").strip().replace(",", "."))
        except InvalidOperation:
            amount = None
        if amount is None or not (MIN_DONATION <= amount <= MAX_DONATION):
            error = f"Give an amount between {MIN_DONATION} and {MAX_DONATION}."
        else:
            recurring = request.POST.get("recurring") == "1"
            urls = _urls(request, "donated")
            what = ["donate", f"{amount:.2f}", recurring, urls["success_url"], urls["cancel_url"]]
            try:
                url = started_once(
                    request.user,
                    what,
                    lambda key: provider().donation_url(
                        user=request.user,
                        amount=amount,
                        recurring=recurring,
                        idempotency_key=key,
                        **urls,
                    ),
                )
            except stripe.StripeError:
                logger.exception("A donation's checkout could not be started")
                error = UNREACHABLE
            else:
                return redirect(url)
    context = {
        "error": error,
        "next": safe_next(request, "/"),
        "amount": request.POST.get("amount"),
    }
    return render(request, "memberships/donate.html", context, status=400 if error else 200)


@require_POST
@login_required
def portal(request):
    membership = (
        Membership.objects.filter(user=request.user, source=Membership.Source.PROVIDER)
        .exclude(provider_customer="")
        .first()
    )
    back = safe_next(request, reverse("accounts:profile"))
    if membership is None:
        messages.error(request, "You have no paid membership to change.")
        return redirect(back)
    try:
        return redirect(
            provider().portal_url(membership=membership, return_url=f"{settings.SITE_URL}{back}")
        )
    except stripe.StripeError:
        logger.exception("The customer portal could not be opened")
        messages.error(request, UNREACHABLE)
        return redirect(back)


@csrf_exempt  # the provider posts with no session; its signature is checked instead
@require_POST
def webhook(request):
    try:
        outcome = provider().handle_event(
            payload=request.body, signature=request.headers.get("Stripe-Signature", "")
        )
    except BadEvent as error:
        logger.warning("Payment webhook refused: %s", error)
        return HttpResponseBadRequest("Refused: not a verified event.")
    return HttpResponse(outcome, content_type="text/plain")
