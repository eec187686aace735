import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS
from tests.browser.reader_data import make_reader_archive

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.fixture
def reader_page(request, browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=VIEWPORTS[request.param],
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.viewport_name = request.param
    yield page
    context.close()


def look(page, name):
    """Save a screenshot and check the page never scrolls sideways."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"reader-{page.viewport_name}-{name}.png", full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("reader_page", ["desktop", "phone"], indirect=True)
def test_a_reader_goes_home_category_article_tag_author_and_search(reader_page):
    page = reader_page
    article, author = make_reader_archive()

    page.goto("/")
    bar = page.get_by_role("navigation", name="Categories")
    expect(bar).to_contain_text("Trending News")
    expect(page.get_by_role("heading", name="Trending now")).to_be_visible()
    expect(page.get_by_text("Unfinished draft about fees")).to_have_count(0)
    look(page, "home")

    bar.get_by_role("link", name="Business").click()
    expect(page).to_have_url(re.compile(r"/category/business/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Business")
    expect(bar.get_by_role("link", name="Business")).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Unfinished draft about fees")).to_have_count(0)
    look(page, "category")

    page.get_by_role("link", name=article.headline).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.get_by_role("heading", name="Share this post on")).to_be_visible()
    expect(page.get_by_role("heading", name="Related stories")).to_be_visible()
    look(page, "article")

    page.get_by_role("list", name="Topics").get_by_role("link", name="economy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("economy")
    look(page, "tag")

    page.go_back()
    page.locator(".article__byline").get_by_role("link", name="Amara Okafor").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara Okafor")
    expect(page.get_by_text("Amara covers the harbour")).to_be_visible()
    look(page, "author")

    search = page.get_by_role("search").first
    search.get_by_label("Search stories").fill("breakwater")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=breakwater"))
    expect(page.get_by_role("link", name=article.headline)).to_be_visible()
    expect(page.locator("mark").first).to_have_text(re.compile("breakwater", re.I))
    look(page, "search")


def test_the_copy_link_button_puts_the_articles_address_on_the_clipboard(
    browser, live_server, settings
):
    settings.SITE_URL = live_server.url  # the site's address: what share links are made of
    article, _ = make_reader_archive()
    context = browser.new_context(
        base_url=live_server.url, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(article.get_absolute_url())
    button = page.locator(".share__copy")
    expect(button).to_have_text("Copy link")
    button.click()
    expect(button).to_have_text("Link copied")
    expect(page.get_by_role("status").filter(has_text="clipboard")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == live_server.url + (
        article.get_absolute_url()
    )
    context.close()


def test_articles_read_without_javascript(browser, live_server):
    article, _ = make_reader_archive()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto(article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(page.get_by_role("link", name="Email")).to_be_visible()
    expect(page.get_by_role("button", name="Copy link")).to_have_count(0)
    context.close()
