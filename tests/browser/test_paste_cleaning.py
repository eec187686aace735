"""Pasted copy keeps the writing and drops the rest: editor/frontend/src/clean_paste.js run in
Chromium against real clipboard HTML from Google Docs, Word, Word for the web, LibreOffice and
a web page (tests/editor/fixtures/paste/, sources named in each file and its README)."""

import base64
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "editor" / "frontend" / "src" / "clean_paste.js"
FIXTURES = ROOT / "tests" / "editor" / "fixtures" / "paste"
APPLICATIONS = ["google-docs", "word-desktop", "word-online", "libreoffice", "web-page"]


@pytest.fixture(scope="module")
def clean(browser):
    """Calls a function of clean_paste.js in a blank page: no server, no editor bundle."""
    page = browser.new_page()
    source = base64.b64encode(MODULE.read_bytes()).decode()
    page.evaluate(
        "async src => { window.paste = await import('data:text/javascript;base64,' + src); }",
        source,
    )

    def call(function, argument):
        return page.evaluate("([f, arg]) => window.paste[f](arg)", [function, argument])

    yield call
    page.close()


def between_tags(html):
    """The expected files are laid out for reading: whitespace between tags is not content."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("application", APPLICATIONS)
def test_copy_from_each_application_keeps_only_the_writing(clean, application):
    pasted = (FIXTURES / f"{application}.html").read_text()
    expected = (FIXTURES / f"{application}.expected.html").read_text()
    assert between_tags(clean("cleanPastedHTML", pasted)) == between_tags(expected)


def test_tracking_parameters_leave_links_and_the_rest_of_the_address_stays(clean):
    html = (
        '<p><a href="https://news.example/a?id=7&utm_source=x&utm_medium=y&fbclid=1&gclid=2'
        '&mc_cid=3&mc_eid=4&_hsenc=5">story</a> and <a href="https://example.org/">home</a></p>'
    )
    assert clean("cleanPastedHTML", html) == (
        '<p><a href="https://news.example/a?id=7">story</a> and <a href="https://example.org/">home</a></p>'
    )


def test_script_and_data_links_lose_the_link_but_keep_their_words(clean):
    html = '<p><a href="javascript:alert(1)">one</a> <a href=" data:text/html,x">two</a></p>'
    assert clean("cleanPastedHTML", html) == "<p>one two</p>"


def test_empty_paragraphs_and_runs_of_line_breaks_do_not_survive(clean):
    html = "<p>First</p><p>&nbsp;</p><p> </p><p><br></p><p>Second<br><br>Third<br>same para</p>"
    assert clean("cleanPastedHTML", html) == ("<p>First</p><p>Second</p><p>Third<br>same para</p>")


def test_word_list_paragraphs_become_real_lists(clean):
    glyph = (
        "<span style='mso-list:Ignore'>{}"
        "<span style='font:7.0pt \"Times New Roman\"'>&nbsp; </span></span>"
    )
    html = (
        "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'>"
        + glyph.format("1.")
        + "One</p><p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'>"
        + glyph.format("2.")
        + "Two</p><p class=MsoNormal>Between</p>"
        + "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'>"
        + glyph.format("·")
        + "Dot</p>"
    )
    assert clean("cleanPastedHTML", html) == (
        "<ol><li>One</li><li>Two</li></ol><p>Between</p><ul><li>Dot</li></ul>"
    )


def test_google_docs_bold_and_italic_spans_become_strong_and_em(clean):
    html = (
        '<b style="font-weight:normal;" id="docs-internal-guid-1"><p dir="ltr">'
        '<span style="font-weight:400">plain </span><span style="font-weight:700">bold</span>'
        '<span style="font-style:italic;font-weight:400"> italic</span></p></b>'
    )
    assert clean("cleanPastedHTML", html) == "<p>plain <strong>bold</strong><em> italic</em></p>"


def test_fonts_colours_classes_spans_and_pictures_are_gone(clean):
    html = (
        '<p class="lead" style="color:red" id="x"><font face="Arial" color="#f00">'
        '<span class="big" style="font-size:20px">Words</span></font><img src="a.png" alt="a"></p>'
        "<style>p{color:red}</style><h4 class='x'>Deep heading</h4>"
    )
    assert clean("cleanPastedHTML", html) == "<p>Words</p><h3>Deep heading</h3>"


def test_word_comments_and_tracked_deletions_are_dropped(clean):
    html = (
        "<p class=MsoNormal><span style='mso-comment-reference:JD_1'>Kept</span>"
        "<span class=MsoCommentReference><a class=msocomanchor href='#_msocom_1'>[JD1]</a></span>"
        " <del>removed</del><ins>added</ins><o:p></o:p></p>"
        "<div style='mso-element:comment-list'><p>A reviewer's note</p></div>"
    )
    assert clean("cleanPastedHTML", html) == "<p>Kept added</p>"


def test_plain_text_with_single_line_breaks_becomes_one_paragraph_a_line(clean):
    text = (FIXTURES / "seed-plain-text.txt").read_text()
    expected = (FIXTURES / "seed-plain-text.expected.html").read_text()
    assert between_tags(clean("textToParagraphs", text)) == between_tags(expected)
