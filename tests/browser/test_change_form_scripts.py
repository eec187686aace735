"""The admin's own scripts start after the article form is ready (articles/admin/media.py,
newsroom_admin/after_ready.js): once they have, every widget of theirs works as before. One
page, one test: the calendar, Select2 (built on the box's first use: a click opens its search,
focus puts the cursor in it), the inline, a related object's popup, and on a new article the
slug filled in from the headline."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_the_admins_widgets_work_once_the_form_is_ready(page):
    editor = people.editor(username="sofia")
    article = ArticleFactory(headline="Harbour fees", authors=[editor])
    people.writer(username="tomas", display_name="Tomas Berg")
    log_in(page, "sofia")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(page.locator(".nr-rich .ProseMirror")).to_be_attached()
    # The calendar and the clock beside the publishing date (started after the window's load).
    expect(page.get_by_role("link", name="Today").first).to_be_visible()
    expect(page.get_by_role("link", name="Now").first).to_be_visible()
    # Select2 on the authors box waits for its first use; a click opens its search, named
    # by labels.js, and a name typed there is found and chosen.
    expect(page.locator("#id_authors[data-select2-on-use]")).to_be_attached()
    page.locator("#id_authors").click()
    search = page.locator(".select2-search__field[aria-label]").first
    expect(search).to_be_focused()
    search.press_sequentially("tom")
    page.get_by_role("option", name="Tomas Berg").click()
    expect(page.locator("#id_authors option[value]:checked")).to_have_count(2)
    assert Axe().run(page).response["violations"] == []  # the box as Select2 built it
    # The corrections inline adds a form.
    forms = page.locator("#corrections-group .inline-related:not(.empty-form)")
    before = forms.count()
    page.get_by_role("button", name="Add another Correction").click()
    expect(forms).to_have_count(before + 1)
    # A related object's "+" opens the admin's popup, not the page in this tab.
    with page.expect_popup() as popup:
        page.locator("#add_id_category").click()
    assert "_popup=1" in popup.value.url
    popup.value.close()

    page.goto("/admin/articles/article/add/")
    expect(page.locator("#id_authors[data-select2-on-use]")).to_be_attached()
    page.locator("#id_authors").focus()  # Tab or its label: the cursor in Select2's search
    expect(page.locator(".select2-search__field[aria-label]").first).to_be_focused()
    page.locator("#id_headline").press_sequentially("Ferry timetable changes")
    expect(page.locator("#id_slug")).to_have_value(re.compile("^ferry-timetable-changes"))
    assert errors == []


def test_a_headline_typed_before_the_scripts_start_still_gets_its_slug(page):
    people.editor(username="sofia")
    log_in(page, "sofia")
    # The slug's script is held back until the headline is typed: a writer quicker than
    # the page's start (a slow machine, a long form).
    held = []
    page.route("**/admin/js/prepopulate.js", lambda route: held.append(route))
    page.goto("/admin/articles/article/add/")
    page.locator("#id_headline").press_sequentially("Night ferry cancelled")
    while not held:  # asked for once the page is ready and the browser idle
        page.wait_for_timeout(50)
    expect(page.locator("#id_slug")).to_have_value("")
    held[0].continue_()
    expect(page.locator("#id_slug")).to_have_value("night-ferry-cancelled")
