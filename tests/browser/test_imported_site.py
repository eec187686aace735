"""A WordPress site after import, in a real browser: the footer's pages, an old link, the
imported pictures, accessibility and the content security policy."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from pages.models import Page
from shared.cache import content_changed
from tests.wordpress.conftest import EXPORT, UPLOADS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def serious(page):
    return [
        f"{v['id']}: {v['help']}"
        for v in Axe().run(page).response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


@pytest.fixture
def imported_site(db):
    call_command("import_wordpress", str(EXPORT), "--media-dir", str(UPLOADS), stdout=StringIO())
    Page.objects.filter(path="about").update(footer_position=1)
    content_changed("nav")  # as the page admin does when an editor picks footer pages


def test_a_reader_follows_an_old_link_and_the_footer_to_the_pages(page, imported_site):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.goto("/2024/03/05/harbour-wall-rebuilt/")
    assert page.url.endswith("/articles/harbour-wall-rebuilt/")
    pictures = page.locator(".article__body figure.inline-image img")
    assert pictures.count() == 4
    pictures.first.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.article__body img')].slice(0, 1)"
        ".every(img => img.complete && img.naturalWidth > 0)"
    )
    assert serious(page) == []
    page.get_by_role("navigation", name="About us").get_by_role("link", name="About us").click()
    assert page.url.endswith("/about/")
    assert page.locator("h1").inner_text() == "About us"
    assert serious(page) == []
    assert problems == []  # no CSP report, no broken script
