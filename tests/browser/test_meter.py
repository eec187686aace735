"""The meter in a real browser: an anonymous reader reads a metered story's whole text up
to the month's limit (counted in this browser's storage, the page the same cached one for
all), and past it meets the offer in its place."""

import pytest
from playwright.sync_api import expect

from memberships.models import AccessRule, Level, MeterSettings
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LAST_LINE = "The inquiry opens on Monday."


def metered_story(number):
    article = ArticleFactory(
        published=True,
        headline=f"Harbour budget, part {number}",
        body="The council met at dawn.\n\nResidents filled the gallery.\n\n" + LAST_LINE,
    )
    AccessRule.objects.create(article=article, level=Level.METERED)
    return article


def test_the_meter_walls_the_story_past_the_monthly_limit(page):
    MeterSettings.objects.create(anonymous_limit=2)
    first, second, third = (metered_story(n) for n in (1, 2, 3))

    for article in (first, second, first):  # a story read again is not counted twice
        page.goto(article.get_absolute_url())
        expect(page.get_by_text(LAST_LINE)).to_be_visible()
        expect(page.get_by_role("heading", name="read your free stories")).to_be_hidden()

    page.goto(third.get_absolute_url())
    expect(page.get_by_text("Residents filled the gallery.")).to_be_visible()
    expect(page.get_by_text(LAST_LINE)).to_be_hidden()
    offer = page.get_by_role("complementary").filter(has_text="read your free stories")
    expect(offer).to_be_visible()
    expect(offer.get_by_role("link", name="Sign up free")).to_be_visible()
    # The text is in the page all the same: the wall is the browser's (a soft meter).
    assert LAST_LINE in page.content()
