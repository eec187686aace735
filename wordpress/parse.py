"""Stream a WXR export (WordPress's Tools → Export) one item at a time.

defusedxml's iterparse refuses what makes XML dangerous (a DTD, entity declarations,
external references) before anything is read; each <item> is cleared once handed on, so
a 2 GB export is read in the memory of its largest item. WordPress.org spells the `wp`
namespace http://wordpress.org/export/1.2/, WordPress.com often https://, and old exports
say 1.0 or 1.1: any of them is read as `wp`.
"""

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone

NAMESPACE_PREFIXES = [
    (re.compile(r"^https?://wordpress\.org/export/1\.\d+/excerpt/?$"), "excerpt"),
    (re.compile(r"^https?://wordpress\.org/export/1\.\d+/?$"), "wp"),
    (re.compile(r"^https?://purl\.org/rss/1\.0/modules/content/?$"), "content"),
    (re.compile(r"^https?://purl\.org/dc/elements/1\.1/?$"), "dc"),
]


class WXRError(Exception):
    """The file cannot be imported; the message says why, for the editor."""


@dataclass
class Comment:
    wp_id: str
    author: str
    author_email: str
    date_gmt: str
    date: str
    content: str
    approved: str
    type: str
    parent: str
    user_id: str


@dataclass
class Item:
    wp_id: str
    post_type: str
    title: str = ""
    link: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    comment_status: str = "open"
    post_name: str = ""
    status: str = ""
    post_parent: str = "0"
    menu_order: int = 0
    password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    guid: str = ""
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)


def local_name(tag):
    """'{http://wordpress.org/export/1.2/}post_id' → 'wp:post_id'; plain tags unchanged."""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    for pattern, prefix in NAMESPACE_PREFIXES:
        if pattern.match(uri):
            return f"{prefix}:{name}"
    return name


def text(value):
    """A plain-text field as a reader should see it. WordPress stores titles, term and
    author names HTML-escaped ("Media &amp; Text"); templates escape again on output, so
    reading the entities here opens nothing."""
    return html.unescape((value or "").strip())


def children(element):
    return {local_name(child.tag): (child.text or "") for child in element}


def read_item(element):
    values = children(element)
    item = Item(
        wp_id=values.get("wp:post_id", "").strip(),
        post_type=values.get("wp:post_type", "").strip(),
        title=text(values.get("title")),
        link=values.get("link", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", "").strip(),
        post_date=values.get("wp:post_date", "").strip(),
        post_date_gmt=values.get("wp:post_date_gmt", "").strip(),
        comment_status=values.get("wp:comment_status", "open").strip(),
        post_name=values.get("wp:post_name", "").strip(),
        status=values.get("wp:status", "").strip(),
        post_parent=values.get("wp:post_parent", "0").strip() or "0",
        menu_order=int(values.get("wp:menu_order", "0").strip() or 0),
        password=values.get("wp:post_password", ""),
        is_sticky=values.get("wp:is_sticky", "0").strip() == "1",
        attachment_url=values.get("wp:attachment_url", "").strip(),
        guid=values.get("guid", "").strip(),
    )
    for child in element:
        name = local_name(child.tag)
        if name == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), text(child.text))
            )
        elif name == "wp:postmeta":
            meta = children(child)
            item.meta[meta.get("wp:meta_key", "")] = meta.get("wp:meta_value", "")
        elif name == "wp:comment":
            item.comments.append(read_comment(children(child)))
    return item


def read_comment(values):
    return Comment(
        wp_id=values.get("wp:comment_id", "").strip(),
        author=text(values.get("wp:comment_author")),
        author_email=values.get("wp:comment_author_email", "").strip(),
        date_gmt=values.get("wp:comment_date_gmt", "").strip(),
        date=values.get("wp:comment_date", "").strip(),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "").strip(),
        type=values.get("wp:comment_type", "").strip(),
        parent=values.get("wp:comment_parent", "0").strip() or "0",
        user_id=values.get("wp:comment_user_id", "0").strip() or "0",
    )


def read_author(element):
    values = children(element)
    return {
        "id": values.get("wp:author_id", "").strip(),
        "login": values.get("wp:author_login", "").strip(),
        "email": values.get("wp:author_email", "").strip(),
        "display_name": text(values.get("wp:author_display_name")),
        "first_name": text(values.get("wp:author_first_name")),
        "last_name": text(values.get("wp:author_last_name")),
    }


def read_term(element, kind):
    values = children(element)
    if kind == "category":
        return {
            "slug": values.get("wp:category_nicename", "").strip(),
            "name": text(values.get("wp:cat_name")),
            "parent": values.get("wp:category_parent", "").strip(),
        }
    return {"slug": values.get("wp:tag_slug", "").strip(), "name": text(values.get("wp:tag_name"))}


def read_wxr(source):
    """Yield ("site", url), ("author", dict), ("category"|"tag", dict) and ("item", Item)
    in file order. `source` is a path or a binary file object."""
    channel, depth, site_url, seen_rss = None, 0, "", False
    try:
        for event, element in iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                depth += 1
                if depth == 1:
                    seen_rss = local_name(element.tag) == "rss"
                elif depth == 2 and local_name(element.tag) == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            name = local_name(element.tag)
            if name in ("wp:base_blog_url", "link") and not site_url:
                site_url = (element.text or "").strip().rstrip("/")
                if name == "wp:base_blog_url" or site_url:
                    yield "site", site_url
            elif name == "wp:author":
                yield "author", read_author(element)
            elif name in ("wp:category", "wp:tag"):
                yield name[3:], read_term(element, name[3:])
            elif name == "item":
                yield "item", read_item(element)
            else:
                continue
            channel.remove(element)  # what was handed on is not kept
    except DefusedXmlException as error:
        raise WXRError(
            "The file was refused: it declares a DTD, entities or external references, "
            f"which a WordPress export never does ({type(error).__name__})."
        ) from error
    except ParseError as error:
        raise WXRError(f"The file is not well-formed XML: {error}.") from error
    if not seen_rss or channel is None:
        raise WXRError("This is not a WordPress export (WXR): no <rss><channel> in it.")


def wordpress_time(gmt, local=""):
    """WordPress's GMT column, or its local one when the GMT one is zero (drafts)."""
    for value, zone in ((gmt, UTC), (local, timezone.get_current_timezone())):
        if value and not value.startswith("0000"):
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
    return None
