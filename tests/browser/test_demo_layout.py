"""What a newcomer sees first on the demo site, on a phone and on a laptop: a live page
leads with its latest updates, and the Trending now box keeps its labels small."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles import trending
from articles.models import Article, ArticleReadCount
from tests.browser.conftest import SCREENSHOTS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 812}
LAPTOP = {"width": 1280, "height": 900}


@pytest.fixture
def demo(live_server, settings, tmp_path, seeded_demo):
    settings.VAR_DIR = tmp_path
    seeded_demo(articles=24, comments=0)  # made by the first test, written back for the next
    live = Article.objects.get(live_started_at__isnull=False)
    # Readers flock to a live story: make it the most read of the hour, whichever article
    # the demo's own reads happened to favour.
    ArticleReadCount.objects.update_or_create(
        article=live, hour=trending.hour_of(timezone.now()), defaults={"reads": 10_000}
    )
    cache.clear()
    return live


def top_of(page, selector):
    return page.evaluate(
        "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
    )


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_live_page_on_a_phone_shows_the_latest_updates_first_and_keeps_the_background(
    browser, live_server, demo, javascript
):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, java_script_enabled=javascript
    )
    page = context.new_page()
    page.goto(demo.get_absolute_url())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"live-phone-js-{javascript}.png", full_page=True)

    assert top_of(page, "[data-live-stream] .live-update") < 1200, "updates buried below the story"
    assert top_of(page, "[data-live-key-points]") < 900
    assert page.locator("h1").count() == 1
    # The story's background is one tap away, and the jump link leads to the updates.
    background = page.locator("details.article__background")
    background.locator("summary").click()
    body = background.locator(".article__body p").first
    assert body.is_visible() and body.inner_text().strip()
    page.get_by_role("link", name="Skip to latest updates").click()
    assert page.url.endswith("#live")
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, LAPTOP], ids=["phone", "laptop"])
def test_the_trending_box_keeps_a_live_badge_small_and_each_category_on_one_line(
    browser, live_server, demo, viewport
):
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = context.new_page()
    page.goto("/")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".trending").screenshot(path=SCREENSHOTS / f"trending-{viewport['width']}.png")
    box = page.locator(".trending__list")
    live = box.locator("li", has=page.locator(".live-badge"))
    assert live.count() == 1, "the demo's live story is trending"
    box_width = box.bounding_box()["width"]
    badge_width = live.locator(".live-badge").bounding_box()["width"]
    assert badge_width < box_width / 3, (badge_width, box_width)
    for label in box.locator(".trending__category").all():
        line_height = label.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        height = label.bounding_box()["height"]
        assert height < 1.5 * line_height, f"{label.inner_text()!r} wraps: {height}px"
    context.close()


def first_letter_float(page):
    return page.evaluate(
        "() => getComputedStyle("
        "document.querySelector('.article__body > p:first-child'), '::first-letter').float"
    )


def test_the_demo_about_page_has_no_drop_cap_and_an_article_keeps_its_own(
    browser, live_server, demo
):
    context = browser.new_context(base_url=live_server.url, viewport=LAPTOP)
    page = context.new_page()
    page.goto("/")
    page.locator(".site-footer").get_by_role("link", name="About us").click()
    assert page.locator("h1").inner_text() == "About us"
    assert first_letter_float(page) == "none", "a static page is not a feature story"
    page.goto(Article.objects.published().latest_first().first().get_absolute_url())
    assert first_letter_float(page) == "left"
    context.close()
