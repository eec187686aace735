"""The article change form as a workspace, in a real browser: the headline wide and clear of
the tools at every width, the body the largest thing on a phone, the article's tools in one
bar that works from the keyboard, and no accessibility violations at a phone's or a desk's
width. One logged-in page per test, resized, keeps them fast."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [320, 390, 768, 1280, 1920]
LONG_HEADLINE = (
    "Harbour fees rise for the third time in two years as the council looks for money "
    "to dredge the port before the winter storms"
)
PUBLISHED_TOOLS = [
    "Preview as readers see it",
    "History",
    "Make this a live page",
    "Send as a breaking-news alert",
    "Who may read it: as its category says",  # memberships' access rule, for Editors
    "View on site",
]


def intersect(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.fixture
def desk(page):
    """An editor logged in, with a published article and one in review to work on."""
    editor = people.editor(username="sofia")
    published = ArticleFactory(published=True, headline=LONG_HEADLINE, authors=[editor])
    in_review = ArticleFactory(headline="Ferry timetable", authors=[people.writer()])
    Article.objects.filter(pk=in_review.pk).update(status=Article.Status.IN_REVIEW)
    log_in(page, "sofia")
    return published, in_review


def change(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The admin's scripts (Select2 waiting for the authors box's first use, labels.js, the
    # rich editor) have run: the layout is final.
    expect(page.locator("#id_authors[data-select2-on-use]")).to_be_attached()
    expect(page.locator(".nr-rich .ProseMirror")).to_be_attached()


def toolbar(page):
    return page.get_by_role("navigation", name="Article tools")


def test_the_headline_is_wide_and_clear_of_the_tools_at_every_width(page, desk, screenshot):
    published, _ = desk
    change(page, published)
    headline = page.get_by_label("Headline")
    subtitle = page.locator("#content > h2")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 844})
        content = page.locator("#content-main").bounding_box()
        box = headline.bounding_box()
        if width in (320, 1920):
            screenshot(f"article-workspace-{width}")
        for link in toolbar(page).get_by_role("link").all():
            for other in (box, subtitle.bounding_box()):
                assert not intersect(link.bounding_box(), other), f"tool over headline at {width}"
        assert box["width"] >= 0.9 * content["width"], f"headline narrow at {width}"
        # The whole headline in view: wrapped, never scrolled sideways nor cut off.
        sizes = headline.evaluate(
            "e => [e.scrollWidth, e.clientWidth, e.scrollHeight, e.clientHeight]"
        )
        scroll_width, client_width, scroll_height, client_height = sizes
        assert scroll_width <= client_width, f"headline scrolls sideways at {width}"
        assert scroll_height <= client_height + 1, f"headline cut off at {width}"


def test_on_a_phone_the_body_is_the_largest_field_and_near_the_top(page, desk):
    published, _ = desk
    page.set_viewport_size({"width": 390, "height": 844})
    change(page, published)
    body = page.locator(".form-row.field-body .ProseMirror").bounding_box()
    assert body["y"] < 2 * 844, "the body starts beyond the second screen"
    assert body["height"] >= 300
    controls = page.locator(
        "#article_form fieldset :is(input:not([type=hidden]), textarea, select, .select2)"
    )
    others = [
        (control.get_attribute("name") or control.get_attribute("class"), control.bounding_box())
        for control in controls.all()
        if control.is_visible() and control.get_attribute("name") != "body"
    ]
    assert others
    for name, box in others:
        assert body["height"] > box["height"], f"{name} is taller than the body"
        assert body["width"] >= box["width"], f"{name} is wider than the body"


def test_the_tool_bar_holds_every_tool_and_each_opens(page, desk):
    published, in_review = desk
    change(page, published)
    links = toolbar(page).get_by_role("link")
    names = [name.replace(" (opens in a new tab)", "") for name in links.all_text_contents()]
    assert sorted(names) == sorted(PUBLISHED_TOOLS)
    hrefs = [link.get_attribute("href") for link in links.all()]
    change(page, in_review)
    send_back = toolbar(page).get_by_role("link", name="Send back to the writer")
    hrefs.append(send_back.get_attribute("href"))
    for href in hrefs:
        assert page.request.get(href).status == 200, href


def test_every_tool_is_reached_with_the_keyboard_alone(page, desk):
    published, _ = desk
    change(page, published)
    wanted = {link.get_attribute("href") for link in toolbar(page).get_by_role("link").all()}
    assert len(wanted) == len(PUBLISHED_TOOLS)
    reached = set()
    for _ in range(120):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.getAttribute('href')"))
        if wanted <= reached:
            break
    assert wanted <= reached
    # Enter on the focused tool (the last one reached) follows it.
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_the_change_form_has_no_accessibility_violations_on_a_phone_or_a_desk(page, desk):
    published, _ = desk
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 844})
        change(page, published)
        assert Axe().run(page).response["violations"] == [], f"at {width}"
