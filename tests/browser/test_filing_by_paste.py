"""A writer files two analysis pieces by pasting them as copied (single line breaks between
paragraphs), adds a picture from the library, publishes, and the published page reads as the
editor showed it: the same paragraphs, in the same order, with the same picture."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PIECES = {
    "Why the harbour fees keep rising": (
        "The council has raised harbour fees three times in two years.\n"
        "Each rise was explained as a one-off: dredging, then the sea wall, then the cranes.\n"
        'Traders say the pattern is clear. "We are the budget\'s shock absorber," said one.\n'
        "The numbers suggest they are right: fees now cover 40% of the port's costs & rising."
    ),
    "What the census really says about the islands": (
        "The islands' population fell again, but not everywhere.\n"
        "\n"
        "Two of the smaller islands grew for the first time since 1951.\n"
        "Remote work explains some of it; cheaper ferries explain more.\n"
        "Planners now ask whether schools closed too soon."
    ),
}
EDITOR = ".nr-rich .ProseMirror"
PASTE_TEXT = """text => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const editor = document.querySelector(".nr-rich .ProseMirror");
  editor.focus();
  editor.dispatchEvent(new ClipboardEvent("paste", {
    clipboardData: data, bubbles: true, cancelable: true,
  }));
}"""
# The site sets quotes and apostrophes typographically; the editor shows them as typed.
TYPOGRAPHY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def paragraphs(locator):
    return [text.translate(TYPOGRAPHY).strip() for text in locator.all_inner_texts()]


def file_piece(page, headline, text, picture):
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill(headline)
    editor = page.locator(EDITOR)
    editor.click()
    page.evaluate(PASTE_TEXT, text)
    page.keyboard.press("ControlOrMeta+End")
    page.get_by_role("button", name="Picture", exact=True).click()
    library = page.get_by_role("dialog", name="Choose a picture")
    library.get_by_role("button", name=picture.alt_text).click()
    expect(editor.get_by_role("img", name=picture.alt_text)).to_be_visible()
    shown = paragraphs(editor.locator(":scope > p"))
    page.get_by_label("Category").select_option(label="News Analysis")
    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    # Saved, or the pre-publish check's warnings (no standfirst, say) shown first.
    outcome = page.locator(".messagelist, #publish-check")
    expect(outcome.first).to_be_visible()
    if page.locator("#publish-check").count():
        expect(page.locator("#publish-check")).to_contain_text("Check before publishing")
        page.get_by_label("Publish anyway: I have read these warnings").check()
        page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was published")
    return shown


def test_two_pieces_pasted_as_copied_publish_as_the_editor_showed_them(page):
    CategoryFactory(name="News Analysis", slug="news-analysis")
    people.editor(username="sofia")
    picture = people.library_image(alt_text="Cranes over the quay at Leith")
    log_in(page, "sofia")
    for headline, text in PIECES.items():
        shown = file_piece(page, headline, text, picture)
        expected = [line for line in text.splitlines() if line.strip()]
        assert shown == expected  # one paragraph a line, nothing collapsed

        article = Article.objects.published().get(headline=headline)
        page.goto(article.get_absolute_url())
        body = page.locator(".article__body")
        assert paragraphs(body.locator(":scope > p")) == shown
        expect(body.get_by_role("img", name=picture.alt_text)).to_be_visible()
