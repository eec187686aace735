"""A gift link in a real browser: a member gives a members-only story, a stranger in
another browser follows the link and reads it in full; past the month's limit the next
gift is refused, and says so."""

import pytest
from playwright.sync_api import expect

from memberships.models import AccessRule, Level, Membership, Tier
from tests import people
from tests.factories import ArticleFactory

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

    page.goto(article.get_absolute_url())
    page.get_by_role("button", name="Gift this story").click()
    expect(page.get_by_role("alert")).to_contain_text("No gift link was made")
    expect(page.get_by_label("Your gift link")).to_have_count(0)
