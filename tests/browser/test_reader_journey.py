import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_goes_from_home_to_a_category_to_an_article(page, screenshot):
    business = CategoryFactory(slug="business", name="Business")
    author = UserFactory(display_name="Amara Okafor")
    article = ArticleFactory(
        published=True,
        category=business,
        authors=[author],
        headline="Harbour traders brace for new port fees",
        body="Traders met on Monday.\n\n## What changed\n\nFees rise in May.",
        tags=["economy"],
    )
    ArticleFactory(category=business, headline="Unfinished draft about fees")

    page.goto("/")
    expect(page.get_by_role("navigation", name="Categories")).to_contain_text("Trending News")
    screenshot("home")

    page.get_by_role("navigation", name="Categories").get_by_role("link", name="Business").click()
    expect(page).to_have_url(re.compile(r"/category/business/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Business")
    expect(page.get_by_text("Unfinished draft about fees")).to_have_count(0)
    screenshot("category")

    page.get_by_role("link", name=article.headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(page.get_by_role("link", name="Amara Okafor")).to_be_visible()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.get_by_role("link", name="economy")).to_be_visible()
    screenshot("article")
