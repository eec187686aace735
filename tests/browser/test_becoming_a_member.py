"""Becoming a member without meeting a wall, in a real browser: the footer's link, the tiers
on offer, and joining or giving after logging in."""

import pytest
from playwright.sync_api import expect

from memberships.models import Tier
from tests import people
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_finds_the_offer_in_the_footer_and_reaches_the_tiers_form(page):
    Tier.objects.create(
        name="Gold", slug="gold", kind="paid", monthly_price=9, description="Every story."
    )
    people.reader(username="ines")
    ArticleFactory(published=True, headline="Harbour budget ledger")

    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Become a member").click()
    expect(page.get_by_role("heading", name="Become a member", level=1)).to_be_visible()
    tier = page.get_by_role("listitem").filter(has_text="Gold")
    expect(tier).to_contain_text("9")
    expect(tier).to_contain_text("a month")
    expect(tier).to_contain_text("Every story.")
    tier.get_by_role("link", name="Join as a Gold member").click()

    # Joining is for an account: log in, then straight on to the tier's form.
    page.get_by_label("Username").fill("ines")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Become a Gold member")).to_be_visible()
    expect(page.get_by_role("button", name="Continue to payment")).to_be_visible()

    page.goto("/membership/")
    page.get_by_role("link", name="Make a donation").click()
    expect(page.get_by_role("heading", name="Support our journalism")).to_be_visible()
    expect(page.get_by_label("Amount")).to_be_visible()
