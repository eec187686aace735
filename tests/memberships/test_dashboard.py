"""The editors' view: members by tier, monthly recurring revenue, new and cancelled by
week, and the export."""

import csv
import datetime
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from memberships import services
from memberships.models import Membership, Tier
from tests import people

pytestmark = pytest.mark.django_db
URL = "/admin/memberships/members/"


def editor_client():
    client = Client()
    client.force_login(people.editor())
    return client


def paying(tier, **kwargs):
    return Membership.objects.create(
        user=people.reader(), tier=tier, source=Membership.Source.PROVIDER, **kwargs
    )


def test_the_figures_count_current_members_and_only_paying_ones_make_revenue(gold):
    yearly = Tier.objects.create(name="Patron", slug="patron", kind="paid", yearly_price=120)
    paying(gold)
    paying(gold)
    paying(yearly)
    Membership.objects.create(user=people.reader(), tier=gold)  # complimentary: pays nothing
    services.membership_cancel(membership=paying(gold))
    paying(gold, current_period_end=timezone.now() - datetime.timedelta(days=1))  # lapsed
    page = editor_client().get(URL).content.decode()
    # 2 × 9 + 120 / 12 = 28.00
    assert "<strong>28.00</strong> a month from 3 paying members" in page
    assert '<th scope="row">Gold</th><td>Paid</td><td>3</td>' in page
    assert '<th scope="row">Patron</th><td>Paid</td><td>1</td>' in page


def test_new_and_cancelled_members_are_counted_in_their_week(gold):
    first = paying(gold)
    start = first.created_at
    # The clock stands still: a week turning (Sunday midnight) between these lines would
    # count the new member in the next week.
    with time_machine.travel(start + datetime.timedelta(days=7), tick=False):
        paying(gold)
        services.membership_cancel(membership=first)
        page = editor_client().get(URL).content.decode()
    this_week = timezone.localtime(start + datetime.timedelta(days=7)).date()
    monday = this_week - datetime.timedelta(days=this_week.weekday())
    label = f"{monday.day} {monday:%b %Y}"
    assert f'<th scope="row">{label}</th><td>1</td><td>1</td>' in page


def test_the_export_lists_every_membership_as_csv(gold):
    member = paying(gold, provider_customer="cus_7").user
    response = editor_client().get(reverse("memberships_admin:export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["email"], r["tier"], r["provider_customer"]) for r in rows] == [
        (member.email, "Gold", "cus_7")
    ]


def test_a_writer_cannot_see_the_members():
    client = Client()
    client.force_login(people.writer())
    assert client.get(URL).status_code == 403
    assert client.get(reverse("memberships_admin:export")).status_code == 403


def test_the_membership_list_links_to_the_figures():
    page = editor_client().get(reverse("admin:memberships_membership_changelist"))
    assert URL in page.content.decode()
