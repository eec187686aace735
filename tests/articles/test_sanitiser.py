"""The body sanitiser against XSS payloads, and the shortcodes the editor offers."""

from html.parser import HTMLParser

import pytest

from articles.body import images_in_body, render_body
from articles.images import whole_picture_sources
from tests import people

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "![x](javascript:alert(1))",
    '<a href="java&#x09;script:alert(1)">tab</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=">',
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<<script>script>alert(1)<</script>/script>",
    '<div onmouseover="alert(1)">hover</div>',
    '<object data="https://evil.example/x.swf"></object>',
    '<form action="https://evil.example"><input name=q></form>',
    '" autofocus onfocus="alert(1)',
    "[[embed: javascript:alert(1)]]",
    '[[image 1: "><script>alert(1)</script>]]',
    "[[pullquote: <img src=x onerror=alert(1)>]]",
]
DANGEROUS_TAGS = {
    "script",
    "style",
    "svg",
    "math",
    "object",
    "embed",
    "form",
    "input",
    "iframe",
    "div",
    "mglyph",
}


class ElementCollector(HTMLParser):
    """Reads HTML the way a browser would: text that only looks like a tag is text."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def live_elements(html):
    collector = ElementCollector()
    collector.feed(html)
    return collector.elements


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_an_xss_payload_in_the_body_renders_inert(payload):
    people.library_image()  # so [[image 1]] resolves to a real picture
    html = render_body(f"Intro paragraph.\n\n{payload}\n\nClosing line.")
    for tag, attrs in live_elements(html):
        assert tag not in DANGEROUS_TAGS
        assert not [name for name in attrs if name.startswith("on") or name == "style"]
        for name in ("href", "src"):
            value = "".join((attrs.get(name) or "").lower().split())
            assert not value.startswith(("javascript:", "data:", "vbscript:")), value
            assert "evil.example" not in value or tag == "a"
    assert html.startswith("<p>Intro paragraph.</p>")


def test_external_links_get_noopener_noreferrer():
    html = render_body("[Source](https://example.org/report)")
    assert 'rel="noopener noreferrer"' in html


def test_a_pull_quote_becomes_a_styled_quote():
    html = render_body("[[pullquote: We will rebuild the harbour]]")
    assert html == '<blockquote class="pullquote"><p>We will rebuild the harbour</p></blockquote>'


def test_made_up_classes_are_dropped():
    html = render_body('<b class="admin-banner">Hello</b> [[pullquote: Hi]]')
    assert "<b>Hello</b>" in html
    assert all("class" not in attrs for tag, attrs in live_elements(html) if tag == "b")


@pytest.mark.django_db
def test_an_inline_library_image_shows_with_its_alt_text_and_caption():
    picture = people.library_image(alt_text="Boats at dawn", credit="Mei Chen")
    html = render_body(f"Before.\n\n[[image {picture.pk}: The harbour in May]]\n\nAfter.")
    assert f'src="{whole_picture_sources(picture)["src"]}"' in html
    assert 'alt="Boats at dawn"' in html
    assert "<figcaption>The harbour in May" in html
    assert "Mei Chen" in html
    assert images_in_body(f"[[image {picture.pk}]]") == {picture.pk}


@pytest.mark.django_db
def test_a_missing_library_image_leaves_no_broken_picture():
    assert "<img" not in render_body("[[image 999: Gone]]")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
    ],
)
def test_a_youtube_embed_becomes_a_privacy_enhanced_frame(url):
    html = render_body(f"[[embed: {url}]]")
    assert 'src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html


def test_an_x_post_embed_is_a_link_not_a_script():
    html = render_body("[[embed: https://twitter.com/newsroom/status/12345]]")
    assert 'href="https://x.com/newsroom/status/12345"' in html
    assert "Post by @newsroom on X" in html
    assert "<script" not in html


def test_an_embed_off_the_allow_list_is_a_plain_link():
    html = render_body("[[embed: https://evil.example/player]]")
    assert "<iframe" not in html
    assert '<a href="https://evil.example/player"' in html


def test_a_raw_frame_to_another_site_is_shown_as_text_never_loaded():
    html = render_body('<iframe src="https://evil.example/"></iframe>')
    assert [tag for tag, _ in live_elements(html)] == ["p"]
    assert "&lt;iframe" in html
