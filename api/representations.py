"""Public objects as the API shows them: plain dicts with absolute URLs.

Only what a reader of the site can see goes in; an article reaches here only through
Article.objects.published().
"""

import re
from urllib.parse import urljoin

from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils.html import escape

from articles import access
from articles.images import rendition_height
from shared import site_address

# A src or href in sanitised HTML (nh3 writes every attribute in double quotes) that has no
# scheme of its own: a library image's /media/ path, a link to another page of the site.
RELATIVE_URL = re.compile(r'(?P<attr>\s(?:src|href)=")(?P<url>(?![a-zA-Z][a-zA-Z0-9+.-]*:)[^"]*)"')
# A body picture's srcset: addresses each followed by a width, split by commas.
SRCSET = re.compile(r'(?P<attr>\ssrcset=")(?P<candidates>[^"]*)"')


def absolute(request, path):
    return site_address.absolute_url(path)


def absolute_html(html, page_url):
    """Sanitised HTML with every address in it absolute, like every other URL the API
    sends: a client shows it on its own site, where /media/… would point at itself.
    Relative addresses resolve against the page that shows the HTML, as a browser would."""

    base = escape(page_url)

    def rewrite(match):
        # The address is still HTML-escaped (&amp;); only the escaped base is put before it.
        return f'{match["attr"]}{urljoin(base, match["url"])}"'

    def rewrite_srcset(match):
        # urljoin leaves an address with a scheme of its own as it is.
        candidates = (part.strip().split(" ", 1) for part in match["candidates"].split(","))
        joined = ", ".join(" ".join([urljoin(base, url), *rest]) for url, *rest in candidates)
        return f'{match["attr"]}{joined}"'

    return SRCSET.sub(rewrite_srcset, RELATIVE_URL.sub(rewrite, html))


def image(request, picture):
    if picture is None or not picture.file:
        return None
    renditions = picture.renditions or {}
    return {
        "id": picture.pk,
        "url": absolute(request, picture.file.url),
        "width": picture.width,
        "height": picture.height,
        "alt_text": picture.alt_text,
        "caption": picture.caption,
        "credit": picture.credit,
        "renditions": [
            {
                "format": kind,
                "width": int(width),
                "height": rendition_height(int(width)),
                "url": absolute(request, default_storage.url(name)),
            }
            for kind in ("webp", "jpeg")
            for width, name in sorted(
                (renditions.get(kind) or {}).items(), key=lambda item: int(item[0])
            )
        ],
    }


def category(request, section):
    return {
        "id": section.pk,
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "url": absolute(request, section.get_absolute_url()),
    }


def tag(request, label):
    return {
        "id": label.pk,
        "slug": label.slug,
        "name": label.name,
        "url": absolute(request, reverse("articles:tag", kwargs={"slug": label.slug})),
    }


def author(request, person):
    return {
        "id": person.pk,
        "slug": person.slug,
        "name": person.public_name,
        "bio": person.bio,
        "url": absolute(request, person.get_absolute_url()),
    }


def article(request, story):
    url = absolute(request, story.get_absolute_url())
    return {
        "id": story.pk,
        "slug": story.slug,
        "url": url,
        "headline": story.headline,
        "standfirst": story.standfirst,
        "body_html": absolute_html(access.public_body_html(story), url),
        "published_at": story.published_at,
        "updated_at": story.updated_at,
        "category": category(request, story.category),
        "tags": [tag(request, label) for label in sorted(story.tags.all(), key=str)],
        "authors": [author(request, person) for person in story.authors.all()],
        "image": image(request, story.featured_image),
        "corrections": [
            {"kind": note.kind, "note": note.note, "created_at": note.created_at}
            for note in story.corrections.all()
        ],
    }


def static_page(request, static):
    url = absolute(request, static.get_absolute_url())
    return {
        "id": static.pk,
        "slug": static.slug,
        "url": url,
        "title": static.title,
        "body_html": absolute_html(access.public_body_html(static), url),
    }
