"""What a body links to and how it is headed, read from its Markdown as the site renders it."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from markdown_it import MarkdownIt

from shared import site_address

# The same dialect as articles/body.py; shortcodes stay text here, so embeds are no links.
_markdown = MarkdownIt("commonmark").enable(["table", "strikethrough"])


@dataclass(frozen=True)
class Link:
    url: str
    text: str


def _tokens(body):
    return _markdown.parse(body or "")


def links_in(body):
    """Every link in a body, in order, with the words a reader sees for it."""
    found = []
    for token in _tokens(body):
        url, words = None, []
        for child in token.children or []:
            if child.type == "link_open":
                url, words = child.attrGet("href") or "", []
            elif child.type == "link_close" and url is not None:
                found.append(Link(url, " ".join("".join(words).split())))
                url = None
            elif url is not None and child.type in {"text", "code_inline", "text_special"}:
                words.append(child.content)
    return found


def heading_levels(body):
    """The levels of a body's headings, in order (## is 2)."""
    return [int(token.tag[1]) for token in _tokens(body) if token.type == "heading_open"]


def own_article_slug(url):
    """The slug of one of our article pages that `url` names (relative, or on the site's
    own address), or None for anything else."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in {"", "http", "https"}:
        return None
    if parts.netloc and parts.netloc.lower() != site_address.domain().lower():
        return None
    if not parts.path.startswith("/"):
        return None
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    return match.kwargs.get("slug") if match.view_name == "articles:detail" else None


def is_external(url):
    """An http(s) address elsewhere: the ones the background check asks."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    return parts.netloc.lower() != site_address.domain().lower()


def external_links(body):
    return list(dict.fromkeys(link.url.strip() for link in links_in(body) if is_external(link.url)))
