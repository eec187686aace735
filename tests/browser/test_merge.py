"""Two people edit one article in the rich editor at once: the later save is merged."""

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

EDITOR = ".nr-rich .ProseMirror"
BODY = "The harbour opened in 1870.\n\nFees rose in May.\n\nThe mayor spoke on Friday."


def open_and_add(page, article, paragraph, words):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator(EDITOR).get_by_text(paragraph).click()
    page.keyboard.press("End")
    page.keyboard.type(words)


def test_a_conflicting_save_in_the_rich_editor_is_merged_by_choice(page, browser, live_server):
    ana = people.editor(username="ana", display_name="Ana Silva")
    people.editor(username="ben", display_name="Ben Okafor")
    article = ArticleFactory(published=True, headline="Harbour fees", body=BODY, authors=[ana])
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    ben = other.new_page()
    log_in(page, "ana")
    log_in(ben, "ben")
    open_and_add(page, article, "Fees rose in May.", " Traders objected.")
    open_and_add(ben, article, "Fees rose in May.", " The council agreed.")

    ben.get_by_role("button", name="Save", exact=True).click()
    expect(ben.locator(".messagelist")).to_contain_text("was changed successfully")
    other.close()

    page.get_by_role("button", name="Save", exact=True).click()
    panel = page.get_by_role("region", name="Merge your version with Ben Okafor's")
    expect(panel).to_contain_text("The council agreed.")
    expect(page.locator(EDITOR)).to_contain_text("Traders objected.")  # nothing typed lost
    panel.get_by_role("group", name="Body, difference 1 of 1").get_by_label(
        "Keep both, mine first"
    ).check()
    panel.get_by_role("button", name="Save the merged version").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(article.get_absolute_url())
    expect(page.locator("article")).to_contain_text("Fees rose in May. Traders objected.")
    expect(page.locator("article")).to_contain_text("Fees rose in May. The council agreed.")
