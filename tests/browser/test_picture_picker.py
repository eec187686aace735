"""The picture picker in a real browser: choosing a featured picture with the keyboard
alone, uploading one with its alt text, and no accessibility violations in the dialog."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article, Image
from tests import people
from tests.articles.factories import ImageFactory
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def desk(page):
    """An editor on the change form of a published article that has no picture yet."""
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline="Harbour fees rise", authors=[editor])
    ImageFactory(alt_text="Cranes over the quay at Leith", caption="Tuesday", credit="Li Wei")
    ImageFactory(alt_text="Fishing boats at dawn")
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return article


def test_an_editor_chooses_the_featured_picture_with_the_keyboard_and_readers_see_it(page, desk):
    choose = page.get_by_role("button", name="Choose picture: Featured image")
    choose.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Choose a picture")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # closes it, and focus is back where it was
    expect(dialog).to_be_hidden()
    expect(choose).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog.get_by_role("button", name="Fishing boats at dawn")).to_be_visible()
    # Tab goes round inside the dialog, never behind it: search, Library tab, Close, and on
    # from the first control to the last picture and back.
    for _ in range(3):
        page.keyboard.press("Shift+Tab")
    expect(dialog.get_by_role("button", name="Cranes over the quay at Leith")).to_be_focused()
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Close")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(dialog.get_by_role("button", name="Fishing boats at dawn")).to_be_visible()

    violations = Axe().run(page).response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []

    expect(dialog.get_by_label("Search the library")).to_be_focused()
    page.keyboard.type("leith")
    expect(dialog.get_by_role("button", name="Fishing boats at dawn")).to_have_count(0)
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the first picture
    expect(dialog.get_by_role("button", name="Cranes over the quay at Leith")).to_be_focused()
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(choose).to_be_focused()
    expect(page.locator(".nr-chooser__alt").first).to_have_text("Cranes over the quay at Leith")
    page.get_by_role("button", name="Save", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    page.goto(Article.objects.get(pk=desk.pk).get_absolute_url())
    expect(page.get_by_role("img", name="Cranes over the quay at Leith")).to_be_visible()


def test_a_picture_uploaded_in_the_dialog_needs_its_alt_text_and_then_is_chosen(page, desk):
    page.get_by_role("button", name="Choose picture: Featured image").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Upload").click()
    expect(dialog).to_have_accessible_name("Upload a picture")
    dialog.get_by_label("Picture file").set_input_files(
        {"name": "quay.png", "mimeType": "image/png", "buffer": people.picture_bytes((600, 400))}
    )
    dialog.get_by_role("button", name="Upload and use").click()
    expect(dialog.get_by_role("alert")).to_contain_text("Add alt text")
    expect(dialog.get_by_label("Alt text (required)")).to_be_focused()
    assert Image.objects.count() == 2

    page.keyboard.type("A container ship at the new quay")
    dialog.get_by_label("Credit").fill("Ana Reyes")
    dialog.get_by_role("button", name="Upload and use").click()

    expect(dialog).to_be_hidden()
    uploaded = Image.objects.get(alt_text="A container ship at the new quay")
    assert uploaded.credit == "Ana Reyes"
    expect(page.locator("#id_featured_image")).to_have_value(str(uploaded.pk))
    expect(page.locator(".nr-chooser__alt").first).to_have_text("A container ship at the new quay")
