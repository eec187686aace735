"""Never losing an edit, in two browsers: Ana is writing when Ben takes the story over; she
is told, Ben saves and leaves, Ana opens it again, gets her unsaved words back from her
autosave and saves; her save meets Ben's, and the two are merged by her choice. Not a word
of either is lost."""

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.browser.test_editor import settle_focus
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR = ".nr-rich .ProseMirror"
BODY = "The harbour opened in 1870.\n\nFees rose in May.\n\nThe mayor spoke on Friday."


def add_to_paragraph(page, paragraph, words):
    page.locator(EDITOR).get_by_text(paragraph).click()
    settle_focus(page)
    page.keyboard.press("End")
    page.keyboard.type(words)


def test_a_story_taken_over_then_reopened_is_merged_with_nothing_lost(
    page, browser, live_server, settings
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1  # the form beats every second here, not 20
    ana = people.editor(username="ana", display_name="Ana Silva")
    people.editor(username="ben", display_name="Ben Okafor")
    article = ArticleFactory(published=True, headline="Harbour fees", body=BODY, authors=[ana])
    change = f"/admin/articles/article/{article.pk}/change/"
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    ben = other.new_page()
    try:
        log_in(page, "ana")
        log_in(ben, "ben")
        page.goto(change)
        add_to_paragraph(page, "Fees rose in May.", " Traders objected.")

        # Ben finds Ana in it and takes over; Ana is told at her next heartbeat.
        ben.goto(change)
        expect(ben.locator("#presence")).to_contain_text("Ana Silva is editing this article")
        ben.locator("#presence").get_by_role("link", name="Take over").click()
        ben.get_by_role("button", name="Take over").click()
        told = page.locator("#presence")
        expect(told).to_contain_text("Ben Okafor took over at")
        expect(told).to_contain_text("Your unsaved text is kept as your autosave.")

        # Ben adds his line and saves, which frees the story; Ana opens it again.
        add_to_paragraph(ben, "Fees rose in May.", " The council agreed.")
        ben.get_by_role("button", name="Save", exact=True).click()
        expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
        expect(told).to_contain_text("Nobody is editing this article now.")
        page.reload()

        # Her unsaved words come back from her autosave.
        offered = page.get_by_role("region", name="You have unsaved changes from")
        expect(offered).to_contain_text("Traders objected.")
        offered.get_by_role("button", name="Restore").click()
        expect(page.locator(EDITOR)).to_contain_text("Fees rose in May. Traders objected.")

        # Her save meets Ben's: both changed one paragraph, she keeps both.
        page.get_by_role("button", name="Save", exact=True).click()
        panel = page.get_by_role("region", name="Merge your version with Ben Okafor's")
        expect(panel).to_contain_text("The council agreed.")
        expect(page.locator(EDITOR)).to_contain_text("Traders objected.")  # nothing typed lost
        panel.get_by_role("group", name="Body, difference 1 of 1").get_by_label(
            "Keep both, mine first"
        ).check()
        panel.get_by_role("button", name="Save the merged version").click()
        expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    finally:
        other.close()

    page.goto(article.get_absolute_url())
    expect(page.locator("article")).to_contain_text("Fees rose in May. Traders objected.")
    expect(page.locator("article")).to_contain_text("Fees rose in May. The council agreed.")
