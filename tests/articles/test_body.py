from articles.body import render_body


def test_markdown_becomes_headings_emphasis_links_and_quotes():
    source = "## Context\n\nSome **bold** and [a link](https://example.org).\n\n> Quoted"
    html = render_body(source)
    assert "<h2>Context</h2>" in html
    assert "<strong>bold</strong>" in html
    assert '<a href="https://example.org" rel="noopener noreferrer">a link</a>' in html
    assert "<blockquote>" in html


def test_raw_html_and_script_urls_never_reach_readers():
    payloads = ["<script>alert(1)</script>", "[click](javascript:alert(1))",
                '<img src=x onerror="alert(1)">']  # fmt: skip
    html = render_body("\n\n".join(payloads))
    assert "<script" not in html
    assert "alert(1)</script>" not in html
    assert "javascript:" not in html
    assert "onerror" not in html


def test_an_empty_body_renders_as_nothing():
    assert render_body("") == ""
