"""WordPress post HTML → an article body that shows what the WordPress post showed.

WordPress stores two kinds of content: classic-editor HTML, whose paragraphs are blank
lines until `wpautop()` adds <p> on display, sprinkled with [shortcodes]; and block-editor
markup, HTML between <!-- wp:name {json} --> comments. Both become HTML blocks (which the
article renderer passes through its allow-list, as for any body) and Newsroom's own
[[image N]], [[pullquote]] and [[embed]] lines, so library images get their renditions and
embeds stay on the provider allow-list. The result goes through the same sanitiser as
every article; what cannot be shown is listed, never printed raw.
"""

import html
import json
import re
from dataclasses import dataclass, field

from articles.body import sanitize_html

BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|"
    "pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|"
    "section|article|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|"
    "summary"
)
OPENING_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.IGNORECASE)
CLOSING_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.IGNORECASE)
STARTS_WITH_BLOCK = re.compile(rf"^<(?:/?(?:{BLOCK_TAGS})[\s/>]|!--)", re.IGNORECASE)
PRE = re.compile(r"<pre[\s>].*?</pre>", re.IGNORECASE | re.DOTALL)
SHORTCODE = re.compile(
    r"\[(?P<close>/)?(?P<name>[a-zA-Z][\w-]*)(?P<attrs>(?:\s[^\]]*)?)(?P<self>/)?\]"
)
# Names WordPress core and the usual plugins register; bare words in brackets that are none
# of these and have neither attributes nor a closing tag are prose ("[sic]"), not shortcodes.
KNOWN_SHORTCODES = {
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
    "youtube",
    "vimeo",
    "tweet",
    "polldaddy",
    "wpvideo",
    "contact-form",
    "soundcloud",
    "instagram",
    "googlemaps",
    "slideshow",
    "code",
    "sourcecode",
}
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.DOTALL)
SELF_CLOSING_BLOCK = re.compile(
    r"<!--\s*wp:(?P<name>[\w/-]+)(?P<attrs>\s+\{(?:(?!-->).)*?\})?\s*/-->", re.DOTALL
)
EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s+(?P<attrs>\{.*?\})\s*-->.*?<!--\s*/wp:(?:core-)?embed(?:/[\w-]+)?\s*-->",
    re.DOTALL,
)
PULLQUOTE = re.compile(
    r"<figure[^>]*wp-block-pullquote[^>]*>\s*<blockquote[^>]*>(?P<text>.*?)</blockquote>\s*</figure>",
    re.IGNORECASE | re.DOTALL,
)
FIGURE_WITH_IMAGE = re.compile(
    r"<figure[^>]*wp-block-image[^>]*>(?P<inner>(?:(?!</figure>).)*?<img.*?)</figure>",
    re.IGNORECASE | re.DOTALL,
)
GALLERY_FIGURE = re.compile(
    r"<figure[^>]*wp-block-gallery[^>]*>(?P<inner>.*?)</figure>", re.IGNORECASE | re.DOTALL
)
FIGCAPTION = re.compile(r"<figcaption[^>]*>(?P<text>.*?)</figcaption>", re.IGNORECASE | re.DOTALL)
IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
LINKED_TOKEN = re.compile(r"<a\b[^>]*>\s*(?P<token>\ue000\d+\ue001)\s*</a>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'>]+))')
HREF = re.compile(r'(<a\b[^>]*\bhref=)(["\'])(?P<url>.*?)\2', re.IGNORECASE)
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.MULTILINE)
# Placeholders are private-use characters, which the source is stripped of first, so no
# text in a post can pose as one.
TOKEN = re.compile(r"\ue000(\d+)\ue001")
PRIVATE_MARKS = re.compile("[\ue000-\ue003]")
PARAGRAPH_AROUND_TOKEN = re.compile(
    r"<p>(?P<before>(?:(?!</p>).)*?)(?P<token>\ue000\d+\ue001)(?P<after>.*?)</p>", re.DOTALL
)
TAG = re.compile(r"<[^>]+>")
_INNER = r"</?(?:li|tr|td|th|thead|tbody|tfoot|ul|ol|table)"
LIST_OR_TABLE_GAP = re.compile(rf"({_INNER}[^>]*>)\n\n(?={_INNER}[\s>])", re.IGNORECASE)


@dataclass
class Converted:
    body: str
    unknown_shortcodes: set = field(default_factory=set)
    removed_blocks: set = field(default_factory=set)
    missing_images: list = field(default_factory=list)


def attributes(text):
    return {
        m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "") for m in ATTRIBUTE.finditer(text)
    }


def plain_text(fragment):
    """Tags stripped, entities read, whitespace collapsed: for captions and pull quotes."""
    text = html.unescape(TAG.sub(" ", fragment or ""))
    return " ".join(text.split()).replace("]]", "] ]")


def as_markdown(fragment):
    # Imported here: markdownify loads BeautifulSoup, html5lib and lxml (~12 MB a process),
    # and every web worker imports this module through the admin, not only the importer.
    from markdownify import markdownify

    return markdownify(fragment, heading_style="ATX", bullets="-", escape_misc=False).strip()


class Converter:
    """One post's conversion. `image_for(wp_id, url)` returns a library Image or None;
    `link_for(url)` the new address of an old internal link, or None."""

    def __init__(self, *, image_for, link_for):
        self.image_for = image_for
        self.link_for = link_for
        self.blocks = []
        self.result = Converted(body="")

    def convert(self, source):
        text = PRIVATE_MARKS.sub("", source.replace("\r\n", "\n"))
        text = self.block_markup(text)
        text = self.shortcodes(text)
        if "<!-- wp:" not in source:
            text = BARE_URL_LINE.sub(lambda m: self.block(f"[[embed: {m[1]}]]"), text)
            text = autop(text)
        text = BLOCK_COMMENT.sub("", text)
        text = IMG.sub(self.inline_image, text)
        text = LINKED_TOKEN.sub(lambda m: m["token"], text)
        text = self.headings_and_quotes(text)
        text = HREF.sub(self.rewrite_link, text)
        # Articles are Markdown: WordPress's HTML, once sanitised, is written as Markdown, so an
        # imported story renders (and edits) like any other.
        text = as_markdown(self.lift_tokens(sanitize_html(text)))
        body = TOKEN.sub(lambda m: f"\n\n{self.blocks[int(m[1])]}\n\n", text)
        self.result.body = re.sub(r"\n{3,}", "\n\n", body).strip()
        return self.result

    def block(self, line):
        self.blocks.append(line)
        return f"\ue000{len(self.blocks) - 1}\ue001"

    # The block editor's own markup.
    def block_markup(self, text):
        text = EMBED_BLOCK.sub(self.embed_block, text)
        text = PULLQUOTE.sub(self.pullquote, text)
        text = FIGURE_WITH_IMAGE.sub(self.figure_image, text)
        text = GALLERY_FIGURE.sub(lambda m: m["inner"], text)
        return SELF_CLOSING_BLOCK.sub(self.dynamic_block, text)

    def embed_block(self, match):
        try:
            url = json.loads(match["attrs"]).get("url", "")
        except ValueError:
            url = ""
        return self.block(f"[[embed: {url}]]") if url else ""

    def pullquote(self, match):
        quote = match["text"]
        cite = re.search(r"<cite[^>]*>(.*?)</cite>", quote, re.DOTALL)
        words = plain_text(re.sub(r"<cite[^>]*>.*?</cite>", "", quote, flags=re.DOTALL))
        if cite and plain_text(cite[1]):
            words = f"{words} — {plain_text(cite[1])}"
        return self.block(f"[[pullquote: {words}]]")

    def figure_image(self, match):
        inner = match["inner"]
        caption = FIGCAPTION.search(inner)
        img = IMG.search(inner)
        return self.image_block(img[0], plain_text(caption["text"]) if caption else "")

    def dynamic_block(self, match):
        name = match["name"]
        if name not in ("more", "nextpage", "spacer", "separator"):
            self.result.removed_blocks.add(f"wp:{name}")
        return "<hr>" if name == "separator" else ""

    # Shortcodes, in classic posts and in the block editor's shortcode block.
    def shortcodes(self, text):
        text = re.sub(
            r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", self.caption, text, flags=re.DOTALL
        )
        text = re.sub(
            r"\[embed[^\]]*\](.*?)\[/embed\]",
            lambda m: self.block(f"[[embed: {m[1].strip()}]]"),
            text,
            flags=re.DOTALL,
        )
        text = re.sub(r"\[gallery([^\]]*)\]", self.gallery, text)
        return SHORTCODE.sub(self.unknown_shortcode, text)

    def caption(self, match):
        inner = match[3]
        img = IMG.search(inner)
        if img is None:
            return plain_text(inner)
        caption = attributes(match[2]).get("caption") or plain_text(
            re.sub(r"<a\b[^>]*>\s*<img[^>]*>\s*</a>|<img[^>]*>", "", inner)
        )
        return self.image_block(img[0], caption)

    def gallery(self, match):
        ids = [i for i in attributes(match[1]).get("ids", "").replace(" ", "").split(",") if i]
        if not ids:
            self.result.unknown_shortcodes.add("gallery (without ids)")
            return ""
        return "\n\n".join(self.image_block("", "", wp_id=wp_id) for wp_id in ids)

    def unknown_shortcode(self, match):
        name = match["name"]
        looks_like_one = (
            name.lower() in KNOWN_SHORTCODES
            or match["attrs"].strip()
            or match["close"]
            or match["self"]
            or f"[/{name}]" in match.string
            or "-" in name
            or "_" in name
        )
        if not looks_like_one:
            return match[0]  # "[sic]", "[1]": prose
        self.result.unknown_shortcodes.add(name.lower())
        return ""

    # Images, wherever they are.
    def image_block(self, img_tag, caption, wp_id=None):
        attrs = attributes(img_tag) if img_tag else {}
        if wp_id is None:
            found = re.search(r"wp-image-(\d+)", attrs.get("class", ""))
            wp_id = found[1] if found else None
        image = self.image_for(wp_id, attrs.get("src", ""))
        if image is None:
            self.result.missing_images.append(attrs.get("src") or f"attachment {wp_id}")
            return ""
        caption = caption.replace("\n", " ").strip()
        return self.block(
            f"[[image {image.pk}: {caption}]]" if caption else f"[[image {image.pk}]]"
        )

    def inline_image(self, match):
        return self.image_block(match[0], "")

    def headings_and_quotes(self, text):
        text = re.sub(r"<(/?)h1([\s>])", r"<\1h2\2", text, flags=re.IGNORECASE)
        text = re.sub(r"<(/?)h[56]([\s>])", r"<\1h4\2", text, flags=re.IGNORECASE)
        return re.sub(r"<cite[^>]*>(.*?)</cite>", r"<p>— \1</p>", text, flags=re.DOTALL)

    def rewrite_link(self, match):
        new = self.link_for(html.unescape(match["url"]))
        return f"{match[1]}{match[2]}{new}{match[2]}" if new else match[0]

    def lift_tokens(self, text):
        """An image or embed inside a paragraph becomes a block of its own between halves."""
        while True:
            lifted = PARAGRAPH_AROUND_TOKEN.sub(
                lambda m: f"<p>{m['before']}</p>\n\n{m['token']}\n\n<p>{m['after']}</p>", text
            )
            if lifted == text:
                break
            text = lifted
        return re.sub(r"<p>\s*(<br>\s*)*</p>", "", text)


def autop(text):
    """WordPress's wpautop(), enough of it: blank lines make paragraphs, single newlines
    line breaks, and block-level tags stand on their own. <pre> is left exactly as is."""
    kept = []

    def keep(match):
        kept.append(match[0])
        return f"\n\n\ue002{len(kept) - 1}\ue003\n\n"

    text = PRE.sub(keep, text)
    text = OPENING_BLOCK.sub(r"\n\n\1", text)
    text = CLOSING_BLOCK.sub(r"\1\n\n", text)
    chunks = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk) or re.fullmatch(
            r"[\ue000\ue002]\d+[\ue001\ue003]", chunk
        ):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    text = LIST_OR_TABLE_GAP.sub(r"\1\n", "\n\n".join(chunks))
    return re.sub(r"\ue002(\d+)\ue003", lambda m: kept[int(m[1])], text)


def convert(source, *, image_for, link_for):
    return Converter(image_for=image_for, link_for=link_for).convert(source or "")
