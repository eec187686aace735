"""The breaking-news banner as an editor sets it and a reader meets it: two clicks from the
admin's home, the reader's next page carries it (the banner passes axe), and a reload
after the editor clears it does not; one set to show for 15 minutes is gone from the
reader's next page once they have passed."""

from datetime import timedelta

import pytest
import time_machine
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from tests import people
from tests.browser.test_accessibility import serious
from tests.browser.test_article_body import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_sees_the_banner_an_editor_has_just_put_up(page, browser, live_server):
    people.editor(username="sofia")
    reader = browser.new_context(base_url=live_server.url).new_page()
    reader.goto("/")
    expect(reader.get_by_role("region", name="Breaking news")).to_have_count(0)

    log_in(page, "sofia")
    page.goto("/admin/")
    page.get_by_role("link", name="Breaking-news banner").click()
    page.get_by_label("Banner text").fill("Harbour bridge closed after a collision")
    page.get_by_label("Link (optional)").fill("/")
    page.get_by_role("button", name="Set the banner").click()
    expect(page.locator(".messagelist")).to_contain_text("The banner is up on every page.")

    # Their next page (one they do not hold: a page they do may be kept by their browser
    # for its max-age, PAGE_CACHE_MAX_AGE, 60 s).
    reader.goto("/search/?q=harbour")
    banner = reader.get_by_role("region", name="Breaking news")
    expect(banner).to_contain_text("Harbour bridge closed after a collision")
    assert serious(Axe().run(reader, context=".banner")) == []

    page.get_by_role("button", name="Clear the banner").click()
    reader.reload()
    expect(reader.get_by_role("region", name="Breaking news")).to_have_count(0)

    # The live server runs in this process: moving its clock moves the server's.
    with time_machine.travel(timezone.now()) as clock:
        page.get_by_label("Banner text").fill("Storm warning for the coast tonight")
        page.get_by_label("Show for").select_option(label="15 minutes")
        page.get_by_role("button", name="Set the banner").click()
        expect(page.locator(".messagelist")).to_contain_text("The banner is up on every page.")
        reader.goto("/search/?q=storm")
        expect(reader.get_by_role("region", name="Breaking news")).to_contain_text("Storm warning")
        clock.shift(timedelta(minutes=15, seconds=1))
        reader.goto("/search/?q=coast")
        expect(reader.get_by_role("region", name="Breaking news")).to_have_count(0)
    reader.context.close()
