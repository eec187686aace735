"""Turn the Markdown a journalist writes into HTML that is safe to show readers.

nh3 (Rust's ammonia) does the sanitising: an allow-list parser is the part of this
that must never be hand-written.
"""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "code", "pre", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "blockquote": {"class"},
    "figure": {"class"},
    "th": {"scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html):
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_body(source):
    """Markdown in, sanitised HTML out. Raw HTML in the source is escaped, never passed."""
    if not source:
        return ""
    html = markdown.markdown(source, extensions=["extra", "sane_lists"], output_format="html")
    return sanitize_html(html)
