"""The XSS catalogue: hostile text in every field strangers and writers fill, and a check
that a page built from it is inert (nothing a browser would run)."""

import json
import re
from itertools import count

from bs4 import BeautifulSoup
from taggit.models import Tag

from articles.typography import typeset
from comments.models import Comment
from tests.articles.factories import ImageFactory
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    "java&#x09;script:alert(1)",
    "[x](java&#x09;script:alert(1))",
    "data:text/html,<script>alert(1)</script>",
    '" autofocus onfocus="alert(1)',
    "' autofocus onfocus='alert(1)",
    "</textarea><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{7*7}}",
]
PAYLOAD_IDS = [
    "script",
    "img-onerror",
    "svg-onload",
    "javascript-link",
    "tab-entity-scheme",
    "markdown-link",
    "data-link",
    "attribute-breakout",
    "single-quote-breakout",
    "textarea-breakout",
    "script-breakout",
    "mxss-math",
    "template-injection",
]
# Written right after every payload, so "{{7*7}}" evaluated would read "49 quokka".
MARKER = "quokka"
SEARCH_WORD = "zanzibar"
URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "background",
    "xlink:href",
    "cite",
    "srcset",
    "ping",
}
BAD_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
# Browsers drop ASCII tab/newline anywhere in a URL and leading control characters/spaces.
URL_NOISE = re.compile(r"[\t\n\r]")
_ids = count()


def with_marker(payload):
    return f"{payload} {MARKER}"


def build_world(payload):
    """One published article with the payload in every field a writer or reader fills."""
    n = next(_ids)
    text = with_marker(payload)
    writer = UserFactory(username=f"writer{n}", display_name=text, bio=text)
    # Usernames are validated at sign-up; this one is stored as if one had slipped through,
    # to show the pages escape it anyway (a commenter with no display name shows it).
    named = UserFactory(username=text[:150], display_name="")
    commenter = UserFactory(username=f"commenter{n}", display_name=text)
    # Small: the payload is in its words; its pixels only cost renditions (one width here).
    image = ImageFactory(alt_text=text, caption=text, credit=text, size=(330, 220))
    tag = Tag.objects.create(name=text[:100], slug=f"hostile-tag-{n}")
    body = "\n\n".join(
        [
            f"Filed from {SEARCH_WORD}.",  # found by search whatever the payload does
            text,
            f"[link]({payload})",
            f"<{payload}>",
            f"[[pullquote: {text}]]",
            f"[[image {image.pk}: {text}]]",
            f"[[embed: {payload}]]",
        ]
    )
    article = ArticleFactory(
        published=True,
        headline=text,
        slug=f"hostile-{n}",
        standfirst=text,
        body=body,
        category=CategoryFactory(name=f"Hostile {n}", slug=f"hostile-section-{n}"),
        featured_image=image,
        authors=[writer],
        tags=[tag],
    )
    top = CommentFactory(article=article, author=commenter, body=text)
    CommentFactory(article=article, author=named, body=f"{MARKER} by the named one", parent=top)
    return {
        "article": article,
        "writer": writer,
        "commenter": commenter,
        "named": named,
        "tag": tag,
        "comment": Comment.objects.get(pk=top.pk),
        "text": text,
        # Headlines and standfirsts are stored typeset (curly quotes): the same text as
        # readers see it there.
        "shown": typeset(text),
    }


def parse(html):
    return BeautifulSoup(html, "html5lib")  # parses the way a browser does


def strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings_in(value)


def json_ld(soup):
    return [
        json.loads(script.string or "")
        for script in soup.find_all("script", type="application/ld+json")
    ]


def problems(html, payload):
    """Everything on the page a browser could run; an empty list means inert."""
    soup, found = parse(html), []
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}={value!r}>")
            if name.lower() == "srcdoc":
                found.append(f"<{element.name} srcdoc>")
            if name.lower() in URL_ATTRIBUTES and BAD_SCHEME.match(
                URL_NOISE.sub("", value).lstrip("\x00\x01\x02\x03\x04\x05\x06\x07\x08 \x0c")
            ):
                found.append(f"<{element.name} {name}={value!r}>")
        if element.name == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        if element.name in {"object", "embed", "base", "style"}:
            found.append(f"<{element.name}> element")
        if element.name == "iframe" and not (element.get("src") or "").startswith(
            "https://www.youtube-nocookie.com/embed/"
        ):
            found.append(f"<iframe src={element.get('src')!r}>")
    for script in soup.find_all("script"):
        kind = script.get("type", "")
        if kind == "application/ld+json":
            try:
                json.loads(script.string or "")
            except ValueError:
                found.append(f"JSON-LD that does not parse: {script.string!r:.200}")
        elif not (
            script.get("src", "").startswith("/static/") and not (script.string or "").strip()
        ):
            found.append(f"<script src={script.get('src')!r}>{script.string or ''}")
    if "7*7" in payload and f"49 {MARKER}" in soup.get_text():
        found.append("{{7*7}} was evaluated")
    return found
