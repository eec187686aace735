"""Turn the Markdown a journalist writes into HTML that is safe to show readers.

markdown-it-py parses (CommonMark, with tables and strikethrough): its parsing is linear in
the input, unlike Python-Markdown's, whose inline patterns went quadratic on a run of
brackets. Work is bounded by MAX_BODY_CHARS and MAX_NESTING, which `body_problems` checks
where a body is typed in. nh3 (Rust's ammonia) does the sanitising: an allow-list parser
is the part of this that must never be hand-written.

Raw HTML is not Markdown here: a tag outside INLINE_HTML_TAGS is shown as the text it is
("never type <script> in a comment"), never parsed, so it cannot swallow what follows.

Besides Markdown, three shortcodes, each alone on a line:

    [[pullquote: Words worth repeating]]
    [[image 42: Optional caption]]          (an image from the library, by number)
    [[embed: https://www.youtube.com/watch?v=...]]   (YouTube, X posts; others become links)

and one that encloses Markdown, its opening and closing lines each alone on a line:

    [[factbox: What we know]]
    - Markdown, shortcodes too (not another fact box)
    [[/factbox]]

Shortcodes become placeholders before Markdown runs and HTML built here (every value
escaped) afterwards; the result goes through the sanitiser like everything else. A
shortcode that cannot mean anything (an image number no database holds, an embed address
that does not parse) stays the text it was typed as: never an error for whoever saves,
imports or reads it.
"""

import logging
import re
import secrets
from urllib.parse import parse_qs, urlsplit

import nh3
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

from . import conf
from .deadline import TooSlow, within
from .images import Image, whole_picture_sources
from .typography import smarten, typeset

logger = logging.getLogger(__name__)

# A long read is 10,000 words, about 60,000 characters; no article needs more.
MAX_BODY_CHARS = 100_000
# Lists and quotes inside lists and quotes; articles rarely go past three.
MAX_NESTING = 6
# The few inline tags a writer may type as HTML (CO<sub>2</sub>); other tags are text.
INLINE_HTML_TAGS = {"b", "i", "em", "strong", "sup", "sub", "br"}
CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open"}

# Grouped by what they are for, so a new tag has an obvious place to go.
BLOCK_TAGS = {"p", "br", "hr", "h2", "h3", "h4", "blockquote", "pre", "aside"}
INLINE_TAGS = {"strong", "em", "b", "i", "s", "a", "sup", "sub", "span", "code"}
LIST_TAGS = {"ul", "ol", "li"}
MEDIA_TAGS = {"figure", "figcaption", "picture", "source", "img", "iframe"}
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS | LIST_TAGS | MEDIA_TAGS | TABLE_TAGS
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"type", "srcset", "sizes"},
    "blockquote": {"class"},
    "aside": {"class"},
    "figure": {"class"},
    "span": {"class"},
    "th": {"scope"},
    "iframe": {"src", "title", "loading", "allowfullscreen", "referrerpolicy"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_CLASSES = {
    "pullquote",
    "inline-image",
    "embed",
    "embed embed--video",
    "embed embed--post",
    "credit",
    "fact-box",
}
# What a picture in the body fills: the body's column, or the screen's width below it.
BODY_PICTURE_SIZES = "(min-width: 44rem) 40rem, 100vw"
PICTURE_TYPES = {"image/webp", "image/jpeg"}
# A srcset's candidates: addresses of ours (a path or the storage's http(s) address), each
# with its width.
SRCSET_CANDIDATE = re.compile(r"(?:/(?!/)|https?://)[^\s,]+ [1-9][0-9]{0,4}w")
# The only frames a reader's browser is ever asked to load.
EMBED_FRAME_PREFIX = "https://www.youtube-nocookie.com/embed/"

SHORTCODE = re.compile(
    r"^[ \t]*\[\[(?P<kind>pullquote|image|embed)(?:[ \t]+(?P<number>\d+))?[ \t]*:?[ \t]*"
    r"(?P<text>.*?)[ \t]*\]\][ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
# Opening and closing lines of a fact box; what lies between is Markdown. Without its closing
# line, an opening line is text, as any shortcode that cannot mean anything.
FACT_BOX = re.compile(
    r"^[ \t]*\[\[factbox(?:[ \t]*:[ \t]*(?P<title>[^\n]*?))?[ \t]*\]\][ \t]*\n"
    r"(?P<body>.*?)^[ \t]*\[\[/factbox\]\][ \t]*$",
    re.MULTILINE | re.IGNORECASE | re.DOTALL,
)
HTML_TAG_NAME = re.compile(r"^</?([A-Za-z][A-Za-z0-9-]*)")
EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")
# Library numbers are database ids (64-bit); a longer number is no image, and a query for it
# would overflow.
MAX_IMAGE_NUMBER = 2**63 - 1
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
X_POST_PATH = re.compile(r"^/(?P<user>[A-Za-z0-9_]{1,15})/status/(?P<id>\d{1,25})/?$")


def _keep_attribute(tag, attribute, value):
    if attribute == "class":
        return value if value in ALLOWED_CLASSES else None
    if tag == "iframe" and attribute == "src":
        return value if value.startswith(EMBED_FRAME_PREFIX) else None
    if attribute == "srcset":
        candidates = [candidate.strip() for candidate in value.split(",")]
        return value if all(map(SRCSET_CANDIDATE.fullmatch, candidates)) else None
    if tag == "source" and attribute == "type":
        return value if value in PICTURE_TYPES else None
    return value


def sanitize_html(html):
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )
    return EMPTY_FRAME.sub("", html)  # a frame whose address was refused shows nothing


def _literal_tags(state):
    """Turn raw HTML the allow-list does not name into text, shown as typed."""
    for token in state.tokens:
        for child in token.children or []:
            if child.type != "html_inline" or child.content.startswith("<!--"):
                continue  # comments are writers' notes: the sanitiser drops them
            name = HTML_TAG_NAME.match(child.content)
            if not (name and name[1].lower() in INLINE_HTML_TAGS):
                child.type = "text_special"  # text, left out of the typography


def _parser():
    # maxNesting also bounds inline work (each "[" may look that many levels ahead),
    # so it stays at CommonMark's 20; MAX_NESTING keeps real content well inside it.
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 20})
    md.enable(["table", "strikethrough"]).disable("html_block")
    md.core.ruler.after("inline", "newsroom_literal_tags", _literal_tags)
    return smarten(md)


_markdown = _parser()


def normalize_source(text):
    """Line endings as LF, whoever sent the body: browsers submit CRLF, old files have CR."""
    if not text:
        return text or ""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _parse(source):
    """Markdown tokens; TooSlow past conf.RENDER_SECONDS, so no body holds a worker long."""
    with within(conf.RENDER_SECONDS):
        return _markdown.parse(source)


def nesting_depth(source):
    """How deep lists and quotes go in a body (a list inside a quote is two)."""
    depth = deepest = 0
    for token in _parse(source):
        if token.type in CONTAINERS:
            depth += 1
            deepest = max(deepest, depth)
        elif token.type.replace("_close", "_open") in CONTAINERS:
            depth -= 1
    return deepest


def body_problems(source):
    """Why a body cannot be saved as it is, in words a writer can act on; [] when it can."""
    source = normalize_source(source)
    if len(source) > MAX_BODY_CHARS:
        return [
            f"The body is {len(source):,} characters long; the limit is {MAX_BODY_CHARS:,} "
            "(about 15,000 words). Split it into two articles."
        ]
    try:
        depth = nesting_depth(source)
    except TooSlow:
        return [
            f"This body takes too long to lay out (over {conf.RENDER_SECONDS} s): it holds "
            "something no article needs, such as thousands of unclosed brackets."
        ]
    if depth > MAX_NESTING:
        return [
            f"Lists and quotes are nested {depth} deep; at most {MAX_NESTING} levels are "
            "allowed. Flatten the deepest ones."
        ]
    return []


def images_in_body(source):
    """The library image numbers a body's [[image N]] shortcodes use."""
    return {
        number
        for match in SHORTCODE.finditer(source or "")
        if match["kind"].lower() == "image" and (number := _image_number(match))
    }


def image_shortcode_regex(image_id):
    """A database regex (`iregex`) for bodies that embed library image `image_id`."""
    return rf"\[\[image[ \t]+{int(image_id)}([^0-9]|$)"


def _image_number(match):
    number = int(match["number"] or 0)
    return number if number <= MAX_IMAGE_NUMBER else None


def render_body(source):
    """Markdown in, sanitised HTML out. Raw HTML in the source never passes the allow-list."""
    if not source:
        return ""
    source = normalize_source(source)
    images = _library_images(images_in_body(source))
    boxes, nonce = [], secrets.token_hex(6)

    def to_fact_box(match):
        title = match["title"] or ""
        heading = format_html("<h2>{}</h2>", typeset(title)) if title.strip() else ""
        inner = mark_safe(_render_markdown(match["body"], images))  # sanitised below, with all
        boxes.append(format_html('<aside class="fact-box">{}{}</aside>', heading, inner))
        return f"\n\nnrfact{nonce}x{len(boxes) - 1}\n\n"

    try:
        # Bodies without a fact box go straight to the Markdown, exactly as before fact boxes.
        source = FACT_BOX.sub(to_fact_box, source)
        html = _render_markdown(source, images)
    except TooSlow:
        # Reached only past the form's checks (a script, an import): readers get the text.
        logger.warning("Body too slow to render; shown as plain paragraphs")
        return _plain_paragraphs(source)
    for index, box in enumerate(boxes):
        token = f"nrfact{nonce}x{index}"
        html = html.replace(f"<p>{token}</p>", box).replace(token, box)
    return sanitize_html(html).strip()


def _render_markdown(source, images):
    """Shortcodes and Markdown to HTML, not yet sanitised; TooSlow when it takes too long."""
    blocks, nonce = [], secrets.token_hex(6)

    def to_placeholder(match):
        block = _render_shortcode(match, images)
        if block is None:
            return match[0]  # meaningless: Markdown shows it as typed
        blocks.append(block)
        return f"\n\nnrblock{nonce}x{len(blocks) - 1}\n\n"

    source = SHORTCODE.sub(to_placeholder, source)
    html = _markdown.renderer.render(_parse(source), _markdown.options, {})
    for index, block in enumerate(blocks):
        token = f"nrblock{nonce}x{index}"
        html = html.replace(f"<p>{token}</p>", block).replace(token, block)
    return html


def _plain_paragraphs(source):
    paragraphs = (part.strip() for part in source.split("\n\n"))
    return "\n".join(format_html("<p>{}</p>", part) for part in paragraphs if part)


def _library_images(numbers):
    if not numbers:
        return {}
    return Image.objects.in_bulk(numbers)


def _render_shortcode(match, images):
    """The shortcode's HTML, or None for one that cannot mean anything."""
    kind, text = match["kind"].lower(), match["text"]
    if kind == "pullquote":
        return format_html('<blockquote class="pullquote"><p>{}</p></blockquote>', typeset(text))
    if kind == "image":
        number = _image_number(match)
        return None if number is None else _render_image(images.get(number), text)
    return _render_embed(text)


def _render_image(image, caption):
    if image is None:
        return ""
    caption = typeset(caption or image.caption)
    credit = format_html(' <span class="credit">{}</span>', image.credit) if image.credit else ""
    figcaption = format_html("<figcaption>{}{}</figcaption>", caption, credit)
    return format_html(
        '<figure class="inline-image">{}{}</figure>',
        _body_picture(image),
        figcaption if caption or credit else "",
    )


def _body_picture(image):
    """The whole picture in copies sized for the reader's screen once the job has made them
    (articles/images.py; the bodies showing it are rendered again then), the original until."""
    sources = whole_picture_sources(image)
    if sources is None:
        return format_html(
            '<img src="{}" alt="{}" width="{}" height="{}" loading="lazy" decoding="async">',
            image.file.url,
            image.alt_text,
            image.width,
            image.height,
        )
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" width="{}" height="{}" loading="lazy" '
        'decoding="async"></picture>',
        sources["webp_srcset"],
        BODY_PICTURE_SIZES,
        sources["src"],
        sources["jpeg_srcset"],
        BODY_PICTURE_SIZES,
        image.alt_text,
        sources["width"],
        sources["height"],
    )


def _web_address(url):
    """(parts, host) of an http(s) address with a host name, else None: "http://[]" does
    not parse, "http://:80" has no host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return None
    return parts, parts.hostname.removeprefix("www.").removeprefix("m.")


def _render_embed(url):
    address = _web_address(url)
    if address is None:
        return format_html("<p>{}</p>", url)
    parts, host = address
    video = None
    if host == "youtu.be":
        video = parts.path.strip("/")
    elif host == "youtube.com" and parts.path == "/watch":
        video = parse_qs(parts.query).get("v", [""])[0]
    elif host == "youtube.com" and parts.path.startswith(("/shorts/", "/embed/")):
        video = parts.path.split("/")[2]
    if video and YOUTUBE_ID.match(video):
        return format_html(
            '<figure class="embed embed--video"><iframe src="{}{}" title="YouTube video" '
            'loading="lazy" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen>'
            "</iframe></figure>",
            EMBED_FRAME_PREFIX,
            video,
        )
    post = X_POST_PATH.match(parts.path) if host in {"x.com", "twitter.com"} else None
    if post:
        return format_html(
            '<figure class="embed embed--post"><blockquote><p><a href="https://x.com{}">'
            "Post by @{} on X</a></p></blockquote></figure>",
            parts.path,
            post["user"],
        )
    # Not on the allow-list: a plain link, never a frame or a script.
    return format_html('<p><a href="{}">{}</a></p>', url, url)
