"""How headlines and the category bar look at a phone's and a laptop's width."""

import pytest
from playwright.sync_api import expect

from articles.models import Category
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_HEADLINE = (
    "Harbour traders, fishing families and the council's own engineers say the plan to "
    "dredge the old port before the winter storms arrive is too little, too late and too dear"
)


def lines_of(locator):
    return locator.evaluate(
        "node => Math.round(node.getBoundingClientRect().height"
        " / parseFloat(getComputedStyle(node).lineHeight))"
    )


def test_a_very_long_headline_stays_within_four_lines_at_1280_px(page, screenshot):
    article = ArticleFactory(
        published=True, category=Category.objects.get(slug="business"), headline=LONG_HEADLINE
    )
    page.goto(article.get_absolute_url())
    headline = page.get_by_role("heading", level=1)
    expect(headline).to_have_class("article__headline article__headline--longest")
    screenshot("typography-long-headline-1280")
    assert lines_of(headline) <= 4


def test_typographic_quotes_reach_the_page_and_its_title(page):
    article = ArticleFactory(
        published=True,
        category=Category.objects.get(slug="business"),
        headline='"We can\'t wait" -- traders',
        body='She said "soon" -- and left...',
    )
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "\u201cWe can\u2019t wait\u201d \u2013 traders"
    )
    expect(page).to_have_title(page.title())  # the title is read once the page has loaded
    assert page.title().startswith("\u201cWe can\u2019t wait\u201d \u2013 traders")
    expect(page.locator(".article__body")).to_contain_text(
        "She said \u201csoon\u201d \u2013 and left\u2026"
    )


def test_on_a_phone_the_category_bar_shows_it_scrolls(page, screenshot):
    page.set_viewport_size({"width": 375, "height": 800})
    ArticleFactory(published=True, category=Category.objects.get(slug="business"))
    page.goto("/")
    bar = page.locator(".category-bar__list")
    assert bar.evaluate("node => node.scrollWidth > node.clientWidth")
    assert "linear-gradient" in bar.evaluate("node => getComputedStyle(node).maskImage")
    assert bar.evaluate("node => getComputedStyle(node).scrollSnapType").startswith("x")
    screenshot("typography-category-bar-375")
    bar.evaluate("node => node.scrollTo({left: node.scrollWidth})")
    last = page.locator(".category-bar__list li").last
    box, frame = last.bounding_box(), bar.bounding_box()
    # Scrolled to the end, the last name sits clear of the fade.
    assert box["x"] + box["width"] <= frame["x"] + frame["width"] - 40
