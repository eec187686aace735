"""The rich body editor in Chromium: every stored body survives it, and writing in it saves
what readers then see."""

import gzip
import sqlite3
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.body import render_body
from articles.models import Article
from tests import people
from tests.browser.test_accessibility import serious
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "editor" / "static" / "editor" / "editor.js"
PRE_SPLIT = ROOT / "tests" / "fixtures" / "pre_split" / "newsroom.sqlite3.gz"
TABLES = ["articles_article", "articles_page", "live_liveupdate"]
# Corners of the dialect the stored bodies may not reach.
SAMPLES = [
    "| Port | Fee |\n|---|---:|\n| Leith | £4 |\n\nA [link][ref] and <sup>2</sup>.\n\n[ref]: https://example.com",
    "* one\n* two\n\n- three\n\n1) first\n2) second\n\n   indented\n\n    code\n\n"
    "```py\nx = 1\n```",
    "Line one  \nline two\\\nthree\n\n> quoted\n> - listed\n\n***\n\n__bold__ _em_ ~~gone~~ `code`",
    "[[pullquote: Said]]\n  [[IMAGE 3 :  caption ]]\n[[embed: https://youtu.be/abcdefghijk]]\n"
    "Text right after",
    "[[factbox: Facts]]\n- One\n\n[[pullquote: Inside]]\n[[/factbox]]\n"
    "&amp; &lt;b&gt; <b>bold</b> <script>",
    "#### Four\n\n# One\n\nSetext\n======\n\n* a\n\n  b\n* c\n\n\n\nend",
]


def submitted_body(page):
    """The body the form would send now: the editor writes its Markdown into the hidden
    textarea when the writer pauses, and at once when the form is read (submit, FormData)."""
    return page.evaluate(
        "() => new FormData(document.getElementById('id_body').form).get('body')"
    ).replace("\r\n", "\n")


def select_with(page, keys):
    """Press `keys` and return once the editor has taken in the selection they made. The
    browser tells the page of a new selection in a task of its own (selectionchange), and
    ProseMirror reads it there only while it has focus: a button focused before that task
    ran (Playwright is quicker than any hand, more so on a loaded machine) acted on the
    selection before, an empty one. Our listener, added after the editor's, runs after it."""
    page.evaluate(
        """() => { window.selectionSeen = new Promise(resolve =>
            document.addEventListener("selectionchange", resolve, {once: true})); }"""
    )
    page.keyboard.press(keys)
    page.evaluate("() => window.selectionSeen")


def focus_editor(surface):
    """Focus the editor as a hand would (see `settle_focus`)."""
    surface.focus()
    settle_focus(surface.page)


def settle_focus(page):
    """Return once the editor has done what it does when it takes the focus (a click, a
    dialog closed, `focus()`): 20 ms later ProseMirror puts its own selection back on the
    page if the page's differs, which undoes a selection a key made in between whose
    selectionchange had not been read yet (Playwright presses keys within milliseconds of
    the focus; no hand does). A page timer set after ProseMirror's, and not shorter, runs
    after it: an order the page guarantees, not a wait that is usually long enough."""
    page.evaluate("() => new Promise((done) => setTimeout(done, 20))")


def stored_bodies():
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".sqlite3") as copy:
        copy.write(gzip.decompress(PRE_SPLIT.read_bytes()))
        copy.flush()
        with sqlite3.connect(copy.name) as db:
            return [body for table in TABLES for (body,) in db.execute(f"select body from {table}")]


@pytest.mark.django_db
def test_every_stored_body_renders_the_same_after_a_trip_through_the_editor(browser):
    bodies = stored_bodies() + SAMPLES
    page = browser.new_page()
    page.add_script_tag(path=str(BUNDLE))
    tripped = page.evaluate("bodies => bodies.map(NewsroomEditor.roundTrip)", bodies)
    page.close()
    changed = [
        original[:80]
        for original, after in zip(bodies, tripped, strict=True)
        if render_body(original) != render_body(after)
    ]
    identical = sum(original == after for original, after in zip(bodies, tripped, strict=True))
    print(f"{len(bodies)} bodies round-tripped; {identical} textually identical")
    assert len(bodies) > 100
    assert changed == []


# Like every browser test with a live server: the database is emptied after the test and
# the migrations' rows (groups, categories, content types) put back as they were.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_change_form_edits_with_toolbar_shortcuts_and_typing_rules(page):
    CategoryFactory(name="Business", slug="business")
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline="Harbour fees", authors=[editor], body="Old.")
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    surface = page.get_by_role("textbox", name="Body")
    expect(surface).to_have_text("Old.")
    expect(page.locator("textarea.markdown-editor")).to_be_hidden()
    assert violations == []
    assert serious(Axe().run(page)) == []
    violations.clear()  # axe's own probes set inline styles; the editor's do not

    surface.focus()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.press("Delete")
    page.keyboard.type("## Fees rise\n")
    page.keyboard.type("Traders say **fees** rise and *ships* leave.\n")
    page.keyboard.type("> A quote\n\n")
    page.keyboard.type("- one\n")
    page.keyboard.type("two\n\n")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type("Strong")
    page.keyboard.press("ControlOrMeta+b")
    page.keyboard.type(" end")
    expected = (
        "## Fees rise\n\nTraders say **fees** rise and *ships* leave.\n\n> A quote\n\n"
        "- one\n- two\n\n**Strong** end"
    )
    assert submitted_body(page) == expected

    # Undo takes back the last words typed; redo brings them back.
    page.keyboard.press("ControlOrMeta+z")
    assert submitted_body(page) != expected
    page.keyboard.press("ControlOrMeta+Shift+z")
    assert submitted_body(page) == expected

    # Keyboard only: Tab to the toolbar, the button says it is pressed, Enter applies it.
    page.keyboard.press("Enter")
    page.keyboard.type("Closing line")
    surface.focus()
    select_with(page, "Shift+Home")
    italic = page.get_by_role("button", name="Italic")
    italic.focus()
    expect(italic).to_have_attribute("aria-pressed", "false")
    page.keyboard.press("Enter")
    expect(italic).to_have_attribute("aria-pressed", "true")
    assert submitted_body(page).endswith("**Strong** end\n\n*Closing line*")

    # The Markdown source, on demand, with everything typed so far.
    page.get_by_role("button", name="Markdown source").click()
    textarea = page.locator("textarea.markdown-editor")
    expect(textarea).to_be_visible()
    expect(textarea).to_have_value(expected + "\n\n*Closing line*")
    page.get_by_role("button", name="Markdown source").click()
    expect(textarea).to_be_hidden()

    # Saved at once after the last keystroke, the last words typed go with it (the source
    # view left the cursor at the start).
    surface.focus()
    page.keyboard.type("Breaking: ")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    saved = Article.objects.get(pk=article.pk)
    assert saved.body == "## Breaking: " + expected[3:] + "\n\n*Closing line*"
    page.goto(saved.get_absolute_url())
    body = page.locator(".article__body")
    expect(body.locator("h2")).to_have_text("Breaking: Fees rise")
    expect(body.locator("strong").first).to_have_text("fees")
    expect(body.locator("em").first).to_have_text("ships")
    expect(body.locator("blockquote")).to_have_text("A quote")
    expect(body.locator("ul li")).to_have_text(["one", "two"])
    assert violations == []
