"""Copy pasted into the body keeps its paragraphs, as copied from a web page or a document."""

import pytest
from playwright.sync_api import expect

from live.models import LiveUpdate
from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory
from tests.live.factories import live_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Web pages and word processors put one line break between paragraphs on the clipboard.
COPIED = "The council met on Monday.\nTraders asked for lower harbour fees.\nThe vote is next week."


def paste(page, locator, text):
    """A real paste (Ctrl+V from the system clipboard), not a typed or filled value."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate("text => navigator.clipboard.writeText(text)", text)
    locator.focus()
    page.keyboard.press("Control+V")


def test_pasted_copy_with_single_line_breaks_reaches_readers_as_three_paragraphs(page):
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline="Harbour fees", body="", authors=[editor])
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("button", name="Markdown source").click()  # paste.js: the source view
    body = page.locator("textarea.markdown-editor")
    paste(page, body, COPIED)
    expect(body).not_to_have_value("")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(article.get_absolute_url())
    paragraphs = page.locator(".article__body > p")
    expect(paragraphs).to_have_count(3)
    expect(paragraphs.nth(2)).to_have_text("The vote is next week.")


def test_a_pasted_list_stays_one_list_between_its_paragraphs(page):
    people.writer(username="amara")
    log_in(page, "amara")
    page.goto("/admin/articles/article/add/")
    page.get_by_role("button", name="Markdown source").click()  # paste.js: the source view
    body = page.locator("textarea.markdown-editor")
    paste(page, body, "What changed:\n- fees rise\n- berths close\nMore on Friday.")
    expect(body).to_have_value("What changed:\n\n- fees rise\n- berths close\n\nMore on Friday.")


def test_copy_that_already_has_blank_lines_is_pasted_as_it_is(page):
    people.writer(username="amara")
    log_in(page, "amara")
    page.goto("/admin/articles/article/add/")
    page.get_by_role("button", name="Markdown source").click()  # paste.js: the source view
    body = page.locator("textarea.markdown-editor")
    paste(page, body, "First paragraph.\n\nSecond one,\nwrapped by hand.")
    expect(body).to_have_value("First paragraph.\n\nSecond one,\nwrapped by hand.")


def test_copy_pasted_into_the_live_desk_keeps_its_paragraphs(page):
    reporter = people.writer(username="wren")
    article = live_page(authors=[reporter], headline="Storm hits the harbour")
    log_in(page, "wren")
    page.goto(f"/admin/live/liveupdate/desk/{article.pk}/")
    paste(page, page.get_by_role("textbox", name="Update"), COPIED)
    page.get_by_role("button", name="Post update").click()

    expect(page.locator(".messagelist")).to_contain_text("Posted: readers see it now.")
    update = LiveUpdate.objects.get(article=article, body__startswith="The council")
    assert update.body.count("\n\n") == 2
