"""Turn the Markdown a journalist writes into HTML that is safe to show readers.

nh3 (Rust's ammonia) does the sanitising: an allow-list parser is the part of this
that must never be hand-written. Besides Markdown, three shortcodes, each alone on a line:

    [[pullquote: Words worth repeating]]
    [[image 42: Optional caption]]          (an image from the library, by number)
    [[embed: https://www.youtube.com/watch?v=...]]   (YouTube, X posts; others become links)

Shortcodes become placeholders before Markdown runs and HTML built here (every value
escaped) afterwards; the result goes through the sanitiser like everything else.
"""

import re
import secrets
from urllib.parse import parse_qs, urlsplit

import markdown
import nh3
from django.utils.html import format_html

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "a", "ul", "ol", "li",
    "blockquote", "figure", "figcaption", "img", "code", "pre", "table", "thead", "tbody",
    "tr", "th", "td", "sup", "sub", "iframe", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "blockquote": {"class"},
    "figure": {"class"},
    "span": {"class"},
    "th": {"scope"},
    "iframe": {"src", "title", "loading", "allowfullscreen", "referrerpolicy"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
ALLOWED_CLASSES = {"pullquote", "inline-image", "embed", "embed embed--video",
                   "embed embed--post", "credit"}  # fmt: skip
# The only frames a reader's browser is ever asked to load.
EMBED_FRAME_PREFIX = "https://www.youtube-nocookie.com/embed/"

SHORTCODE = re.compile(
    r"^[ \t]*\[\[(?P<kind>pullquote|image|embed)(?:[ \t]+(?P<number>\d+))?[ \t]*:?[ \t]*"
    r"(?P<text>.*?)[ \t]*\]\][ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
EMPTY_FRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>\s*</iframe>")
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
X_POST_PATH = re.compile(r"^/(?P<user>[A-Za-z0-9_]{1,15})/status/(?P<id>\d{1,25})/?$")


def _keep_attribute(tag, attribute, value):
    if attribute == "class":
        return value if value in ALLOWED_CLASSES else None
    if tag == "iframe" and attribute == "src":
        return value if value.startswith(EMBED_FRAME_PREFIX) else None
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


def images_in_body(source):
    """The library image numbers a body's [[image N]] shortcodes use."""
    return {
        int(match["number"])
        for match in SHORTCODE.finditer(source or "")
        if match["kind"].lower() == "image" and match["number"]
    }


def render_body(source):
    """Markdown in, sanitised HTML out. Raw HTML in the source never passes the allow-list."""
    if not source:
        return ""
    blocks, nonce = [], secrets.token_hex(6)
    images = _library_images(images_in_body(source))

    def to_placeholder(match):
        blocks.append(_render_shortcode(match, images))
        return f"\n\nnrblock{nonce}x{len(blocks) - 1}\n\n"

    source = SHORTCODE.sub(to_placeholder, source)
    html = markdown.markdown(source, extensions=["extra", "sane_lists"], output_format="html")
    for index, block in enumerate(blocks):
        token = f"nrblock{nonce}x{index}"
        html = html.replace(f"<p>{token}</p>", block).replace(token, block)
    return sanitize_html(html)


def _library_images(numbers):
    if not numbers:
        return {}
    from .models import Image  # the models import this module

    return Image.objects.in_bulk(numbers)


def _render_shortcode(match, images):
    kind, text = match["kind"].lower(), match["text"]
    if kind == "pullquote":
        return format_html('<blockquote class="pullquote"><p>{}</p></blockquote>', text)
    if kind == "image":
        return _render_image(images.get(int(match["number"] or 0)), text)
    return _render_embed(text)


def _render_image(image, caption):
    if image is None:
        return ""
    caption = caption or image.caption
    credit = format_html(' <span class="credit">{}</span>', image.credit) if image.credit else ""
    figcaption = format_html("<figcaption>{}{}</figcaption>", caption, credit)
    return format_html(
        '<figure class="inline-image"><img src="{}" alt="{}" width="{}" height="{}" '
        'loading="lazy" decoding="async">{}</figure>',
        image.file.url,
        image.alt_text,
        image.width,
        image.height,
        figcaption if caption or credit else "",
    )


def _render_embed(url):
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        return format_html("<p>{}</p>", url)
    host = parts.hostname.removeprefix("www.").removeprefix("m.")
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
