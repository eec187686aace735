"""A gift link in a real browser: a member gives a members-only story, a stranger in
another browser follows the link and reads it in full; past the month's limit the next
gift is refused, and says so. And joining at the wall: Checkout's return to the story, and
the members' own page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from memberships.models import AccessRule, Level, Membership, Tier
from tests import people
from tests.factories import ArticleFactory
from tests.stripe_server import SECRET_KEY, stripe_server

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAST_LINE = "The inquiry opens on Monday."


def test_a_stranger_reads_a_gifted_story_and_the_next_gift_past_the_limit_is_refused(
    page, browser, live_server, settings
):
    settings.MEMBERSHIP_GIFTS_PER_MONTH = 1
    gold = Tier.objects.create(name="Gold", slug="gold", kind="paid", monthly_price=9)
    member = people.reader(username="rosa", display_name="Rosa Vance")
    Membership.objects.create(user=member, tier=gold)
    article = ArticleFactory(
        published=True,
        headline="Harbour budget ledger",
        body="The council met at dawn.\n\nResidents filled the gallery.\n\n" + LAST_LINE,
    )
    AccessRule.objects.create(article=article, level=Level.MEMBERS)
    another = ArticleFactory(published=True, headline="Tunnel audit", body=article.body)
    AccessRule.objects.create(article=another, level=Level.MEMBERS)

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Gift this story").click()
    link = page.get_by_label("Your gift link").input_value()

    stranger = browser.new_context(base_url=live_server.url)
    try:
        other = stranger.new_page()
        other.goto(link)
        expect(other.get_by_text("A gift from Rosa Vance")).to_be_visible()
        expect(other.get_by_text(LAST_LINE)).to_be_visible()
        other.goto(article.get_absolute_url())  # without the gift: the teaser and the offer
        expect(other.get_by_text(LAST_LINE)).to_have_count(0)
        expect(other.get_by_role("heading", name="This story is for members")).to_be_visible()
    finally:
        stranger.close()

    # The same story given again at once is the same gift; another one is past the limit.
    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Gift this story").click()
    assert page.get_by_label("Your gift link").input_value() == link
    page.goto(another.get_absolute_url())
    page.get_by_role("button", name="Gift this story").click()
    expect(page.get_by_role("alert")).to_contain_text("No gift link was made")
    expect(page.get_by_label("Your gift link")).to_have_count(0)


@pytest.mark.own_servers  # localstripe, the test tooling's stand-in for Stripe's API
def test_a_reader_joins_from_the_wall_comes_back_to_the_story_and_sees_their_membership(
    page, live_server, settings
):
    """Checkout's return path and the members' page. Stripe's payment page cannot be
    reached from here: the browser is answered at its address by a stand-in page whose one
    link is the success address the site gave Stripe (what Stripe sends a payer to)."""
    gold = Tier.objects.create(name="Gold", slug="gold", kind="paid", monthly_price=9)
    reader = people.reader(username="ines", email="ines@example.com")
    article = ArticleFactory(
        published=True,
        headline="Harbour budget ledger",
        body="The council met at dawn.\n\nResidents filled the gallery.\n\n" + LAST_LINE,
    )
    AccessRule.objects.create(article=article, level=Level.MEMBERS)

    with stripe_server() as server:
        settings.STRIPE_SECRET_KEY = SECRET_KEY
        settings.STRIPE_API_BASE = server.api_base

        def stripe_page(route):
            back = server.boundary_requests()[-1]["params"]["success_url"]
            route.fulfill(
                content_type="text/html",
                body=f'<!doctype html><title>Pay</title><a href="{back}">Pay 9.00</a>',
            )

        page.route("https://checkout.stripe.com/**", stripe_page)
        page.goto("/accounts/login/")
        page.get_by_label("Username").fill("ines")
        page.get_by_label("Password").fill(people.PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.goto(article.get_absolute_url())
        page.get_by_role("link", name="Join as a Gold member").click()
        expect(page.get_by_role("heading", name="Become a Gold member")).to_be_visible()
        page.get_by_role("button", name="Continue to payment").click()
        page.get_by_role("link", name="Pay 9.00").click()

    expect(page).to_have_url(live_server.url + article.get_absolute_url())
    expect(page.get_by_text("Thank you for joining.")).to_be_visible()

    # Stripe's webhook makes the membership (tests/memberships/test_stripe_webhooks.py).
    renews = timezone.now() + timedelta(days=30)
    Membership.objects.create(
        user=reader,
        tier=gold,
        source=Membership.Source.PROVIDER,
        provider_customer="cus_test_ines",
        current_period_end=renews,
    )
    page.reload()
    expect(page.get_by_text(LAST_LINE)).to_be_visible()
    expect(page.get_by_text("Thank you for joining.")).to_have_count(0)

    page.goto("/accounts/membership/")
    expect(page.get_by_role("heading", name="Gold")).to_be_visible()
    expect(page.get_by_text(f"Renews on {renews:%-d %B %Y}")).to_be_visible()
    portal = page.get_by_role("button", name="Change or cancel your membership")
    expect(portal).to_be_visible()
    expect(page.get_by_text("Gift links this month: 0 of")).to_be_visible()
