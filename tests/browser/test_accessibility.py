import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from tests.browser.conftest import SCREENSHOTS
from tests.browser.reader_data import make_live_page, make_reader_archive

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Axe()


def serious(results):
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reader_pages_have_no_serious_accessibility_violations(browser, live_server, scheme):
    article, author = make_reader_archive()
    live = make_live_page(author)
    pages = {
        "home": reverse("articles:home"),
        "live page": live.get_absolute_url(),
        "category": reverse("articles:category", args=["business"]),
        "article": article.get_absolute_url(),
        "search": reverse("search:search") + "?q=harbour",
        "author": author.get_absolute_url(),
        "login": reverse("login"),
        "not-found": "/no-such-page/",
    }
    context = browser.new_context(
        base_url=live_server.url, color_scheme=scheme, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, url in pages.items():
        page.goto(url)
        page.screenshot(path=SCREENSHOTS / f"a11y-{scheme}-{name}.png")
        found = serious(AXE.run(page))
        if found:
            problems[name] = found
        assert page.locator("h1").count() == 1, f"{name} needs exactly one h1"
    context.close()
    assert problems == {}


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server):
    make_reader_archive()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
