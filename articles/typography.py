"""Typographic quotes, dashes and ellipses (SmartyPants), for bodies and headlines alike.

markdown-it's own typographer is used for the quotes; its "replacements" rule is not,
because it also turns "(c)" into "©" and "+-" into "±", which breaks legal citations
("section 4(c)") and figures. Dashes and ellipses get the three rules below instead.
"""

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core.smartquotes import smartquotes

# Double and single curly quotes, in the order markdown-it expects.
QUOTES = "\u201c\u201d\u2018\u2019"
EM_DASH = re.compile(r"(^|[^-])---(?=[^-]|$)", re.MULTILINE)
EN_DASH_SPACED = re.compile(r"(^|\s)--(?=\s|$)", re.MULTILINE)
EN_DASH_BETWEEN = re.compile(r"(^|[^-\s])--(?=[^-\s]|$)", re.MULTILINE)
ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
# Curling quotes rewrites a text run once per quote: past this many quotes in one
# document (no prose has them) the quotes stay straight rather than take quadratic time.
MAX_QUOTES = 5_000


def dashes_and_ellipses(text):
    text = EM_DASH.sub("\\1\u2014", text)
    text = EN_DASH_SPACED.sub("\\1\u2013", text)
    text = EN_DASH_BETWEEN.sub("\\1\u2013", text)
    return ELLIPSIS.sub("\u2026", text)


def _dashes_rule(state):
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        inside_autolink = False
        for child in token.children:
            if child.type == "link_open" and child.info == "auto":
                inside_autolink = True
            elif child.type == "link_close" and child.info == "auto":
                inside_autolink = False
            elif child.type == "text" and not inside_autolink:
                child.content = dashes_and_ellipses(child.content)


def smarten(md):
    """Give a MarkdownIt parser curly quotes, dashes and ellipses, bounded in time."""
    md.options["typographer"] = True
    md.options["quotes"] = QUOTES
    md.disable("replacements", ignoreInvalid=True)
    md.enable("smartquotes")

    def bounded_smartquotes(state):
        if state.src.count('"') + state.src.count("'") <= MAX_QUOTES:
            smartquotes(state)

    md.core.ruler.at("smartquotes", bounded_smartquotes)
    md.core.ruler.after("smartquotes", "newsroom_dashes", _dashes_rule)
    return md


_plain = smarten(MarkdownIt("zero"))


def typeset(text):
    """Plain text in, the same text with typographic characters out (never HTML)."""
    if not text or not any(mark in text for mark in "\"'-."):
        return text
    tokens = _plain.parseInline(text)
    return "".join(child.content for child in tokens[0].children or [] if child.type == "text")
