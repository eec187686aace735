"""Public objects as the API shows them: plain dicts with absolute URLs.

Only what a reader of the site can see goes in; an article reaches here only through
Article.objects.published().
"""

from django.core.files.storage import default_storage
from django.urls import reverse

from articles.images import rendition_height
from newsroom import site_address


def absolute(request, path):
    return site_address.absolute_url(path)


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
    return {
        "id": story.pk,
        "slug": story.slug,
        "url": absolute(request, story.get_absolute_url()),
        "headline": story.headline,
        "standfirst": story.standfirst,
        "body_html": story.body_html,
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
    return {
        "id": static.pk,
        "slug": static.slug,
        "url": absolute(request, static.get_absolute_url()),
        "title": static.title,
        "body_html": static.body_html,
    }
