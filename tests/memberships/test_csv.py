"""Members in from Ghost's and Substack's exports: good rows kept, bad rows reported with
their line and reason, and the same file twice adds nothing twice."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.models import User
from memberships.models import Membership
from tests import people

pytestmark = pytest.mark.django_db
URL = "/admin/memberships/members/"

GHOST = (
    "email,name,note,subscribed_to_emails,complimentary_plan,stripe_customer_id,"
    "created_at,labels,tiers\n"
    """ana@example.com,Ana Lima,Met at the fair,true,false,cus_A1,2025-03-02T10:00:00.000Z,fair,Gold
ben@example.com,Ben Ode,,false,true,,2025-04-01 09:00:00,,Gold
not-an-address,Nobody,,true,false,,2025-04-01,,Gold
cy@example.com,Cy Free,,true,false,,2025-05-01,,
dee@example.com,Dee,,true,false,cus_D,2025-05-01,,Platinum
eve@example.com,Eve,,maybe,false,,2025-05-01,,Gold
"""
)

SUBSTACK = """email,active_subscription,expiry,plan,email_disabled,created_at
fay@example.com,true,2027-01-31,yearly,false,2024-01-31T08:00:00Z
gus@example.com,true,,comp,false,2024-02-01
hal@example.com,false,,,true,2023-05-05
ivy@example.com,true,next year,monthly,false,2024-02-01
"""


def upload(text, **fields):
    client = Client()
    client.force_login(people.editor())
    data = {"file": SimpleUploadedFile("members.csv", text.encode()), **fields}
    return client.post(URL, data)


def test_a_ghost_export_imports_its_good_rows_and_names_each_bad_one(gold):
    response = upload(GHOST)
    page = response.content.decode()
    assert response.status_code == 400  # some rows were refused
    assert "Ghost export: 2 memberships added" in page
    assert "Line 4: “not-an-address” is not an e-mail address." in page
    assert "Line 6: No tier is called “Platinum”." in page
    assert "Line 7: “maybe” in subscribed_to_emails is not true or false." in page
    ana = Membership.objects.get(user__email="ana@example.com")
    assert (ana.source, ana.provider_customer, ana.created_at.year) == ("import", "cus_A1", 2025)
    assert "Labels: fair" in ana.note and "Met at the fair" in ana.note
    ben = Membership.objects.get(user__email="ben@example.com")
    assert ben.source == "complimentary"
    # A free member: an account, no membership, and no usable password to guess.
    cy = User.objects.get(email="cy@example.com")
    assert not cy.memberships.exists() and not cy.has_usable_password()
    assert not User.objects.filter(email__in=["dee@example.com", "eve@example.com"]).exists()


def test_importing_the_same_export_twice_adds_nothing_twice(gold):
    upload(GHOST)
    page = " ".join(upload(GHOST).content.decode().split())  # as read: one space between words
    assert "0 memberships added, 2 already there, 0 new accounts" in page
    assert Membership.objects.count() == 2


def test_a_substack_export_puts_paying_readers_in_the_chosen_tier(gold):
    page = upload(SUBSTACK, paid_tier=gold.pk).content.decode()
    assert "Substack export: 2 memberships added" in page
    assert "Line 5: “next year” in expiry is not a date." in page
    fay = Membership.objects.get(user__email="fay@example.com")
    assert fay.tier == gold and fay.current_period_end.date().isoformat() == "2027-01-31"
    assert Membership.objects.get(user__email="gus@example.com").source == "complimentary"
    assert not User.objects.get(email="hal@example.com").memberships.exists()


def test_a_substack_export_without_a_tier_for_paying_readers_refuses_those_rows(gold):
    page = upload(SUBSTACK).content.decode()
    assert "Line 2: A paying reader, and no tier was chosen" in page
    assert not Membership.objects.exists()


def test_a_file_of_other_columns_is_refused_whole_with_the_reason(gold):
    page = upload("name,address\nAna,Lisbon\n").content.decode()
    assert "not the columns of a Ghost or Substack member export" in page
    assert not User.objects.filter(email="").exclude(is_staff=True).exists()
