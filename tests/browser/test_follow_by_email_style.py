"""'Follow … by email' beside the feed links reads as one of them, signed in or not."""

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOOKS = """n => { const s = getComputedStyle(n);
  return [s.fontSize, s.fontFamily, s.fontWeight, s.color, s.textDecorationLine,
          s.backgroundColor, s.borderTopWidth]; }"""


def looks_alike(page):
    feed = page.locator(".feed-links__link").first
    follow = page.locator(".follow-button").first
    expect(follow).to_be_visible()
    assert follow.evaluate(LOOKS) == feed.evaluate(LOOKS)


def test_the_follow_link_looks_like_the_feed_links_beside_it(page):
    business = CategoryFactory(name="Business", slug="business")
    ArticleFactory(published=True, category=business)
    page.goto("/category/business/")
    looks_alike(page)


def test_the_follow_button_for_a_signed_in_reader_looks_like_the_feed_links(page):
    business = CategoryFactory(name="Business", slug="business")
    ArticleFactory(published=True, category=business)
    people.editor(username="sofia")
    log_in(page, "sofia")
    page.goto("/category/business/")
    looks_alike(page)
