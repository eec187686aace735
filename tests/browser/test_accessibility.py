"""The reader's pages' keyboard use. Their axe checks (light and dark, one h1 each) run in
the one crawl of the public pages, tests/browser/test_html_validity.py; `serious` is shared."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.reader_data import make_reader_archive

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


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, live_server):
    make_reader_archive()
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert skip.evaluate("link => link === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
