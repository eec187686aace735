"""Editors' view of the membership: members by tier, monthly recurring revenue, members
who joined and who cancelled each week, and members out and in as CSV (csv_io.py).

Mounted before the admin (newsroom/urls.py includes this module); admin_view lets
staff alone in, and each view checks the permission it needs. Reads only; the import
writes through csv_io, which reports every bad row.
"""

import datetime
from collections import Counter
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from . import csv_io
from .models import Membership, Tier

WEEKS = 8


def current(now):
    return Membership.objects.exclude(status=Membership.Status.CANCELLED).filter(
        Q(current_period_end__isnull=True) | Q(current_period_end__gt=now)
    )


def monthly_price(membership):
    """What one paying membership brings a month: its tier's monthly price, or the yearly
    price over twelve for a yearly one (or a tier sold only by the year)."""
    tier = membership.tier
    yearly = getattr(membership, "period", "") in ("year", "yearly")
    if tier.monthly_price and not (yearly and tier.yearly_price):
        return tier.monthly_price
    return (tier.yearly_price or Decimal(0)) / 12


def figures(now=None):
    now = now or timezone.now()
    live = current(now).select_related("tier")
    by_tier = Counter(m.tier_id for m in live)
    tiers = [{"tier": tier, "members": by_tier.get(tier.pk, 0)} for tier in Tier.objects.all()]
    # Paid: an active membership of a paid tier that is not a gift of the newsroom.
    paying = [
        m
        for m in live
        if m.tier.kind == Tier.Kind.PAID
        and m.status == Membership.Status.ACTIVE
        and m.source != Membership.Source.COMPLIMENTARY
    ]
    mrr = sum((monthly_price(m) for m in paying), Decimal(0)).quantize(Decimal("0.01"))
    return {"tiers": tiers, "mrr": mrr, "paying": len(paying), "weeks": weeks(now)}


def weeks(now):
    """Joined and cancelled, by week (Monday first), the last WEEKS weeks, newest first.
    A cancellation is dated by the membership's last change (`updated_at`)."""
    today = timezone.localtime(now).date()
    monday = today - datetime.timedelta(days=today.weekday())
    starts = [monday - datetime.timedelta(weeks=n) for n in range(WEEKS)]
    since = timezone.make_aware(datetime.datetime.combine(starts[-1], datetime.time()))
    joined = Counter(
        week_of(at)
        for at in Membership.objects.filter(created_at__gte=since).values_list(
            "created_at", flat=True
        )
    )
    cancelled = Counter(
        week_of(at)
        for at in Membership.objects.filter(
            status=Membership.Status.CANCELLED, updated_at__gte=since
        ).values_list("updated_at", flat=True)
    )
    return [{"start": s, "joined": joined[s], "cancelled": cancelled[s]} for s in starts]


def week_of(moment):
    day = timezone.localtime(moment).date()
    return day - datetime.timedelta(days=day.weekday())


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Member export (CSV)",
        help_text="Ghost's or Substack's member export, as downloaded.",
    )
    paid_tier = forms.ModelChoiceField(
        Tier.objects.filter(kind=Tier.Kind.PAID),
        required=False,
        label="Tier for Substack's paid readers",
        help_text="Ghost's export names each member's tiers; Substack's does not.",
    )


def dashboard(request):
    if not request.user.has_perm("memberships.view_membership"):
        raise PermissionDenied
    form, report = ImportForm(), None
    if request.method == "POST":
        if not request.user.has_perm("memberships.add_membership"):
            raise PermissionDenied
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            report = csv_io.import_members(
                form.cleaned_data["file"].read(), paid_tier=form.cleaned_data["paid_tier"]
            )
    context = {
        **admin.site.each_context(request),
        "title": "Members",
        "opts": Membership._meta,
        "form": form,
        "report": report,
        "can_import": request.user.has_perm("memberships.add_membership"),
        **figures(),
    }
    status = 400 if report is not None and report.problems else 200
    return TemplateResponse(request, "admin/memberships/dashboard.html", context, status=status)


def export(request):
    if not request.user.has_perm("memberships.view_membership"):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="members-{stamp}.csv"'
    csv_io.export(Membership.objects.order_by("pk"), response)
    return response


app_name = "memberships_admin"
urlpatterns = [
    path("", admin.site.admin_view(dashboard), name="dashboard"),
    path("export.csv", admin.site.admin_view(export), name="export"),
]
