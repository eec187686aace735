"""The article change form at a phone's width and a desk's: tools beside, never on top of,
the headline; the body the largest thing to write in; an empty preview takes no room."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.browser.test_accessibility import serious
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_HEADLINE = (
    "Harbour fees rise for the third time in two years as the council looks for money "
    "to dredge the port before the winter storms"
)


def intersect(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def in_review(page):
    """An article in review, opened by an editor: every tool the form has is shown."""
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline=LONG_HEADLINE, body="", authors=[editor])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)
    log_in(page, "sofia")
    return article


@pytest.mark.parametrize("width", [375, 1280])
def test_the_object_tools_never_sit_on_the_headline(page, in_review, width, screenshot):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/admin/articles/article/{in_review.pk}/change/")
    tools = page.locator("#content-main .object-tools")
    expect(tools.get_by_role("link", name="Send back to the writer")).to_be_visible()
    # The headline twice: as the page's subtitle, and as the field to edit.
    subtitle = page.locator("#content > h2")
    expect(subtitle).to_have_text(LONG_HEADLINE)
    headlines = [subtitle.bounding_box(), page.get_by_label("Headline").bounding_box()]
    screenshot(f"admin-change-form-{width}")
    for link in tools.get_by_role("link").all():
        for headline in headlines:
            assert not intersect(link.bounding_box(), headline)


def test_on_a_phone_the_body_is_the_largest_field(page, in_review):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/admin/articles/article/{in_review.pk}/change/")
    body = page.get_by_role("textbox", name="Body")
    body_height = body.bounding_box()["height"]
    standfirst = page.get_by_label("Standfirst").bounding_box()["height"]
    assert body_height > standfirst
    assert body_height >= 300


def test_the_change_form_has_no_accessibility_violations(page, in_review):
    page.goto(f"/admin/articles/article/{in_review.pk}/change/")
    expect(page.get_by_role("textbox", name="Body")).to_be_visible()
    expect(page.locator(".select2-selection[aria-label]").first).to_be_attached()
    assert serious(Axe().run(page)) == []
