"""The admin editor as a writing surface: wide fields, counts against the SEO limits."""

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_editor_is_wide_counts_characters_and_writes_in_a_proportional_face(page, screenshot):
    CategoryFactory(name="Business", slug="business")
    people.writer(username="amara")
    log_in(page, "amara")
    page.goto("/admin/articles/article/add/")

    headline = page.get_by_label("Headline")
    assert headline.bounding_box()["width"] >= 700
    headline.fill("Harbour fees rise in May as the council looks for money to dredge the port")
    expect(page.locator("#id_headline_count")).to_have_text(
        "74 / 70 characters: 4 past what search results show"
    )
    standfirst = page.get_by_label("Standfirst")
    assert standfirst.evaluate("node => node.tagName") == "TEXTAREA"
    standfirst.fill("Traders say the rise is the third in two years.")
    expect(page.locator("#id_standfirst_count")).to_have_text("47 / 160 characters")

    body = page.get_by_role("textbox", name="Body")
    font = body.evaluate("node => getComputedStyle(node).fontFamily")
    assert "mono" not in font.lower()
    expect(page.get_by_role("button", name="Heading", exact=True)).to_be_visible()
    screenshot("newsroom-editor-1280")
