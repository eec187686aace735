"""Every dialog of the rich editor by keyboard alone: a link (Ctrl+K), an embed and a fact box
from the toolbar (reached with Shift+Tab), a fact box's title and a picture's caption (Tab to
their buttons, or Enter on a selected picture); Escape leaves a dialog with nothing changed."""

import pytest
from playwright.sync_api import expect

from articles.body import render_body
from articles.models import Article
from tests import people
from tests.browser.test_article_body import log_in
from tests.browser.test_editor import focus_editor, select_with, submitted_body
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def focused(page):
    return page.evaluate("() => document.activeElement.textContent.trim()")


def press_until_focused(page, key, name, limit=25):
    """Move the focus with `key` (Tab or Shift+Tab) until it is on the control called `name`."""
    for _ in range(limit):
        page.keyboard.press(key)
        if focused(page) == name:
            return
    raise AssertionError(f"{key} never reached {name!r}")


def answer(page, title, text):
    dialog = page.get_by_role("dialog", name=title)
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("textbox")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)


def test_every_editor_dialog_works_from_the_keyboard_alone(page):
    sofia = people.editor(username="sofia")
    picture = people.library_image(alt_text="Boats tied up at the quay")
    article = ArticleFactory(
        authors=[sofia], body=f"The harbour reopened.\n\n[[image {picture.pk}]]\n\nTraders came."
    )
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    surface = page.get_by_role("textbox", name="Body")
    expect(surface).to_contain_text("Traders came.")
    focus_editor(surface)

    # A link at the end of the first paragraph; Escape first leaves everything as it was.
    page.keyboard.press("ControlOrMeta+Home")
    select_with(page, "End")
    page.keyboard.press("ControlOrMeta+k")
    expect(page.get_by_role("dialog", name="Add a link")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(surface).to_be_focused()
    page.keyboard.type(" Read ")
    page.keyboard.press("ControlOrMeta+k")
    answer(page, "Add a link", "https://example.org/harbour-report")

    # The picture below: selected by the arrow key, Enter asks for this use's caption.
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    answer(page, "Caption", "The quay at first light")
    expect(surface.locator("figcaption")).to_contain_text("The quay at first light")

    # A fact box around the last paragraph, from the toolbar.
    page.keyboard.press("ControlOrMeta+End")
    press_until_focused(page, "Shift+Tab", "Fact box")
    page.keyboard.press("Enter")
    answer(page, "Fact box", "What we know")
    expect(surface.locator("aside h2")).to_have_text("What we know")

    # Its title, through its own button: Tab from the text reaches it.
    press_until_focused(page, "Tab", "Edit title")
    page.keyboard.press("Enter")
    answer(page, "Fact box title", "What we know so far")
    expect(surface.locator("aside h2")).to_have_text("What we know so far")

    # An embed at the end, from the toolbar.
    page.keyboard.press("ControlOrMeta+End")
    press_until_focused(page, "Shift+Tab", "Embed")
    page.keyboard.press("Enter")
    answer(page, "Embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ")

    body = submitted_body(page)
    assert f"[[image {picture.pk}: The quay at first light]]" in body
    assert "[[factbox: What we know so far]]" in body
    assert "[[embed: https://www.youtube.com/watch?v=dQw4w9WgXcQ]]" in body
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    html = render_body(Article.objects.get(pk=article.pk).body)
    assert 'href="https://example.org/harbour-report"' in html
    assert "The quay at first light" in html
    assert '<aside class="fact-box"><h2>What we know so far</h2>' in html
