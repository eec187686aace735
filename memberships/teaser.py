"""A story split at its wall: the opening paragraphs everyone reads, and the rest.

Split in the Markdown, at blank lines, before the first block that is not a plain
paragraph (a heading, list, quote, table, shortcode or fact box), so neither half is cut
inside an element; each half is rendered and sanitised by the body's own renderer.
"""

import re

from django.utils.safestring import mark_safe

from articles.body import normalize_source, render_body

TEASER_BLOCKS = 2
TEASER_CHARS = 600
NOT_PLAIN = re.compile(r"^\s*(?:[#>|<`~\[*+-]|\d+[.)]\s|\s{4})")


def split(source):
    """(teaser source, rest source)."""
    blocks = [block for block in re.split(r"\n\s*\n", normalize_source(source or "")) if block]
    taken, size = 0, 0
    for block in blocks[:TEASER_BLOCKS]:
        if NOT_PLAIN.match(block) or size + len(block) > TEASER_CHARS and taken:
            break
        taken, size = taken + 1, size + len(block)
    return "\n\n".join(blocks[:taken]), "\n\n".join(blocks[taken:])


def teaser_html(source):
    return mark_safe(render_body(split(source)[0]))  # sanitised by the body's renderer


def rest_html(source):
    return mark_safe(render_body(split(source)[1]))  # sanitised by the body's renderer
