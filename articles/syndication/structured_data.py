"""JSON-LD (schema.org) for search engines: plain dicts, and a safe way into a <script>.

The builders only ever see articles readable at their address (published, or archived once
live): seo_tags checks before it calls them.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from shared.templatetags.datetimes import datetime_attr

from .. import access

SCHEMA = "https://schema.org"

# Inside <script> the HTML parser ends the element at "</script" and treats "<!--" specially,
# whatever the JSON means; escaping <, > and & as \u escapes keeps the JSON identical and the
# HTML inert. U+2028/2029 are escaped for old JavaScript parsers that read the block.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def json_ld_script(data):
    """A <script type="application/ld+json"> element no value inside can break out of."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(
            text.translate(_SCRIPT_ESCAPES)
        ),  # safe: every character HTML reacts to is escaped
    )


def iso(moment):
    return datetime_attr(moment) if moment else None


def modified_at(article):
    """The time the story last changed for readers: its byline's "Updated" time, or a live
    page's latest update when that is later."""
    changed = article.updated_for_readers or article.published_at
    live = getattr(article, "live_updated_at", None)
    return live if live and (changed is None or live > changed) else changed


def image_object(image, absolute):
    return {
        "@type": "ImageObject",
        "url": absolute(image.file.url),
        "width": image.width,
        "height": image.height,
    }


# Google News' transparency guidance: the publisher names these pages, when they are public.
POLICY_LINKS = {
    "correctionsPolicy": "corrections_policy",
    "ethicsPolicy": "ethics_policy",
    "masthead": "masthead",
}


def organization(identity, absolute):
    publisher = {"@type": "NewsMediaOrganization", "name": identity.name, "url": absolute("/")}
    if identity.logo_id:
        publisher["logo"] = image_object(identity.logo, absolute)
    for key, field in POLICY_LINKS.items():
        page = getattr(identity, field) if getattr(identity, f"{field}_id") else None
        if page is not None and page.is_published:
            publisher[key] = absolute(page.get_absolute_url())
    return publisher


def person(user, absolute, *, full=False):
    data = {"@type": "Person", "name": user.public_name, "url": absolute(user.get_absolute_url())}
    if full:
        if user.bio:
            data["description"] = user.bio
        if user.avatar:
            data["image"] = absolute(user.avatar.url)
    return data


# Set by the live app (it owns the updates; this app does not import it): a callable
# giving a live page's newest updates as BlogPosting dicts, (article, canonical) -> list.
live_blog_updates = None


def live_blog_posting(article, canonical):
    """What turns a live page's NewsArticle into a LiveBlogPosting (Google's live-coverage
    guidance): the coverage times and the newest updates."""
    data = {"@type": "LiveBlogPosting", "coverageStartTime": iso(article.live_started_at)}
    if article.live_ended_at:
        data["coverageEndTime"] = iso(article.live_ended_at)
    if live_blog_updates is not None:
        data["liveBlogUpdate"] = live_blog_updates(article, canonical)
    return data


def news_article(article, *, identity, absolute, canonical, description, image, tags):
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": description,
        "datePublished": iso(article.published_at),
        "dateModified": iso(modified_at(article)),
        "author": [person(author, absolute) for author in article.byline],
        "publisher": organization(identity, absolute),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in tags],
        "inLanguage": identity.language,
        "url": canonical,
    }
    if image is not None:
        data["image"] = [image_object(image, absolute)]
    if article.is_live_coverage:
        data.update(live_blog_posting(article, canonical))
    # isAccessibleForFree and hasPart on a story behind a wall, nothing on an open one.
    data.update(access.structured_data(article))
    return data


def breadcrumb_list(trail):
    """trail: (name, absolute URL) pairs from the home page down to the current page."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def website(identity, absolute, search_path):
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": identity.name,
        "url": absolute("/"),
        "inLanguage": identity.language,
        "publisher": organization(identity, absolute),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(search_path) + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def profile_page(user, absolute):
    return {"@context": SCHEMA, **person(user, absolute, full=True)}
