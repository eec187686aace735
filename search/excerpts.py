"""The excerpt a result card shows, highlighted by either database between private-use
markers that survive escaping and only then become <mark>."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

START, STOP = "\ue000", "\ue001"  # private-use markers, escaped safely into <mark>
MARKDOWN_NOISE = re.compile(r"[#*_`|~]+|\]\([^)]*\)|[\[\]]")


def excerpt_html(text):
    """Escape a highlighted excerpt and turn the markers into <mark>."""
    text = MARKDOWN_NOISE.sub(" ", text or "")
    text = re.sub(r"(^|\s)>\s", " ", text)  # blockquote marks
    text = re.sub(r"\s+", " ", text).strip()
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only our markers become tags
