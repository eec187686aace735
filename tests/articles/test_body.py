import sys

import pytest

from articles import conf
from articles.body import MAX_BODY_CHARS, MAX_NESTING, body_problems, render_body
from tests.articles.test_sanitiser import live_elements


def test_markdown_becomes_headings_emphasis_links_and_quotes():
    source = "## Context\n\nSome **bold** and [a link](https://example.org).\n\n> Quoted"
    html = render_body(source)
    assert "<h2>Context</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">a link</a>' in html
    assert "<blockquote>" in html


def test_raw_html_and_script_urls_never_reach_readers():
    payloads = [
        "<script>alert(1)</script>",
        "[click](javascript:alert(1))",
        '<img src=x onerror="alert(1)">',
    ]
    html = render_body("\n\n".join(payloads))
    elements = live_elements(html)
    assert {tag for tag, _ in elements} == {"p"}
    assert "<script" not in html
    assert not any("javascript:" in (attrs.get("href") or "") for _, attrs in elements)


def test_an_empty_body_renders_as_nothing():
    assert render_body("") == ""


def test_tables_and_strikethrough_still_render():
    html = render_body("| Year | Fee |\n|---|---|\n| 2026 | £40 |\n\n~~£30~~")
    assert "<th>Year</th>" in html and "<td>£40</td>" in html
    assert "<s>£30</s>" in html


# A writer who mentions a tag in prose must see the tag as text, and every paragraph after it.
@pytest.mark.parametrize(
    "tag",
    [
        "<script>",
        "<style>",
        "<textarea>",
        "<title>",
        "<iframe>",
        "<noscript>",
        "<xmp>",
        "<plaintext>",
        "</p>",
        "<div>",
        "<!DOCTYPE html>",
    ],
)
def test_a_tag_named_in_prose_is_shown_as_text_and_swallows_nothing(tag):
    source = f"Never type {tag} in a comment.\n\nThe next paragraph.\n\nThe *last* one."
    html = render_body(source)
    escaped = tag.replace("<", "&lt;").replace(">", "&gt;")
    assert f"<p>Never type {escaped} in a comment.</p>" in html
    assert "<p>The next paragraph.</p>" in html
    assert "<p>The <em>last</em> one.</p>" in html


def test_a_tag_at_the_start_of_a_line_is_text_too():
    html = render_body("<style>\nbody { display: none }\n\nStill here.")
    assert "&lt;style&gt;" in html
    assert "<p>Still here.</p>" in html


def test_the_few_inline_tags_a_writer_may_type_still_work():
    html = render_body("CO<sub>2</sub> rose, <b>sharply</b>.")
    assert "CO<sub>2</sub> rose, <b>sharply</b>." in html


def test_a_writers_html_comment_never_reaches_readers():
    assert "check this" not in render_body("Fees rose. <!-- check this with the council -->")


# Inputs that made Python-Markdown take seconds or crash (5,000 "[" took 2.4 s, 20,000
# took 37 s; lists 800 deep raised RecursionError), 5,000 characters each. The work each
# takes must grow in step with its length. It is counted, not timed (a busy machine
# would make a timed bound a matter of luck): the Python calls made to render it, and
# twice it, stay within 2.5 times of each other (a quadratic parser makes 4 times as many).
PATHOLOGICAL = {
    "open brackets": "[" * 5_000,
    "image openers": "![" * 2_500,
    "link openers": "[a](" * 1_250,
    "nested brackets": "[" * 2_500 + "]" * 2_500,
    "backticks": "`" * 5_000,
    "backtick runs": "`a" * 2_500,
    "emphasis runs": "*_" * 2_500,
    "emphasis openers": "*a " * 1_700,
    "straight quotes": '"' * 5_000,
    "angle brackets": "<a " * 1_700,
    "nested quotes": "> " * 800 + "x",
    "nested list markers": "- " * 800 + "x",
    "nested lists": "".join("  " * depth + "- x\n" for depth in range(70)),
}


def calls_to_render(source):
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += event == "call"

    sys.setprofile(count)
    try:
        html = render_body(source)
    finally:
        sys.setprofile(None)
    return calls, html


@pytest.mark.parametrize("source", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_input_renders_with_work_in_step_with_its_length(source, monkeypatch):
    # Counting slows rendering tenfold: the render deadline must not cut the count short.
    monkeypatch.setattr(conf, "RENDER_SECONDS", 3600)
    once, html = calls_to_render(source)
    twice, _ = calls_to_render(source * 2)
    assert html, "a reader still gets the text"
    assert twice <= 2.5 * once + 1_000, "rendering must stay linear in the input"


def test_a_body_past_the_size_limit_is_refused_with_its_length():
    problems = body_problems("word " * (MAX_BODY_CHARS // 5 + 1))
    assert problems == [
        f"The body is {MAX_BODY_CHARS + 5:,} characters long; the limit is {MAX_BODY_CHARS:,} "
        "(about 15,000 words). Split it into two articles."
    ]


def test_nesting_past_the_limit_is_refused_and_a_real_article_is_not():
    assert body_problems("> " * (MAX_NESTING + 1) + "deep")[0].startswith(
        f"Lists and quotes are nested {MAX_NESTING + 1} deep"
    )
    three_deep = "- one\n  - two\n    > three\n\nText."
    assert body_problems(three_deep) == []


def test_a_body_too_slow_to_lay_out_is_refused_and_shown_as_text_if_saved(monkeypatch):
    monkeypatch.setattr(conf, "RENDER_SECONDS", 0.001)
    source = "Before <b>.\n\n" + "[" * 20_000
    assert body_problems(source)[0].startswith("This body takes too long to lay out")
    html = render_body(source)
    assert html.startswith("<p>Before &lt;b&gt;.</p>")  # the text, escaped, nothing lost
    assert html.count("[") == 20_000
