"""Pasting into the rich editor of the article form: what a writer copies from Google Docs,
Word, LibreOffice or plain text reaches the Markdown body as paragraphs, ## headings, - lists,
**bold**, *italic* and [links](url), with nothing of the source's styling.

The editor's contract (editor/frontend): the ProseMirror view is `.nr-rich .ProseMirror`,
its paste runs through clean_paste.js, and the hidden textarea name="body" holds the Markdown."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.browser.test_editor import submitted_body

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "editor" / "fixtures" / "paste"
EDITOR = ".nr-rich .ProseMirror"

PASTE = """([html, text]) => {
  const data = new DataTransfer();
  if (html) data.setData("text/html", html);
  data.setData("text/plain", text);
  const editor = document.querySelector(".nr-rich .ProseMirror");
  editor.focus();
  editor.dispatchEvent(new ClipboardEvent("paste", {
    clipboardData: data, bubbles: true, cancelable: true,
  }));
}"""


def open_empty_editor(page):
    people.editor(username="sofia")
    log_in(page, "sofia")
    page.goto("/admin/articles/article/add/")
    expect(page.locator(EDITOR)).to_be_visible()


def paste(page, html, text):
    """A real paste event with both flavours on the clipboard, into an emptied editor."""
    editor = page.locator(EDITOR)
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.evaluate(PASTE, [html, text])
    expect(page.locator(EDITOR)).not_to_have_text("")
    return submitted_body(page)


def items(*lines, marker):
    """List items one after another, tight or loose, whatever the serialiser chose."""
    return re.compile(
        r"\n+".join(re.escape(f"{m} {line}") for m, line in zip(marker, lines, strict=True))
    )


def assert_no_source_styling(markdown):
    for leftover in ("<", "style=", "mso-", "font-", "class=", "&nbsp;"):
        assert leftover not in markdown


def test_documents_pasted_from_docs_word_and_libreoffice_become_clean_markdown(page):
    open_empty_editor(page)

    docs = paste(page, (FIXTURES / "google-docs.html").read_text(), "Bold\nItalic")
    assert "**Bold**" in docs
    assert re.search(r"(?<!\*)\*Italic\*(?!\*)", docs)
    assert "Bold Italic Underline" in docs
    assert items("Hello", "World", marker="--").search(docs)
    assert_no_source_styling(docs)

    word = paste(page, (FIXTURES / "word-desktop.html").read_text(), "This is normal text")
    assert word.startswith("This is normal text\n\n")
    assert items("Numbered list 1", "Numbered list 2", marker=["1.", "2."]).search(word)
    assert items("Bulleted list 1", "Bulleted list 2", marker="--").search(word)
    assert "Outline numbered 1.a" in word
    assert_no_source_styling(word)

    writer = paste(page, (FIXTURES / "libreoffice.html").read_text(), "This is a sample")
    assert "## Preserving original formatting" in writer
    assert "This is a **sample** document." in writer
    assert "*Paste from Google Docs*" in writer
    assert "1. Item One" in writer
    assert_no_source_styling(writer)


def test_plain_text_lines_become_paragraphs_and_links_lose_their_tracking(page):
    open_empty_editor(page)

    text = (FIXTURES / "seed-plain-text.txt").read_text()
    plain = paste(page, "", text)
    assert plain.startswith(
        "Harbour fees rise for the third time in two years\n\n"
        "Traders at the fish market say the council gave them a week’s notice.\n\n"
        "The rise takes effect on 1 May."
    )
    assert plain.count("\n\n") == 3

    linked = paste(
        page,
        '<p>Read <a href="https://news.example/a?id=7&utm_source=nl&fbclid=x"'
        ' style="color:blue">the report</a>.</p>'
        '<p><a href="javascript:alert(1)">Not a link</a></p>',
        "Read the report.",
    )
    assert "Read [the report](https://news.example/a?id=7)." in linked
    assert "javascript" not in linked
    assert "Not a link" in linked
