"""Shared set-up for the feed, sitemap and head-metadata tests."""

from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image as PillowImage

from articles.models import Article, Image
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

# Everything that could break out of a script tag, an attribute or an XML element at once.
# Saving typesets a headline ("no" becomes “no”); a quote between spaces stays straight,
# so the straight double quote still reaches every output.
TRICKY_HEADLINE = 'Mayor says </script><!-- " no " & ‘never’ — 🚀 \u2028 <b>ok</b>'


def make_author(**fields):
    """A byline without a login: hashing a password costs half a second a user."""
    return UserFactory(password=None, **fields)


def png_bytes(width, height):
    buffer = BytesIO()
    PillowImage.new("RGB", (width, height), "#336699").save(buffer, format="PNG")
    return buffer.getvalue()


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Image

    file = factory.LazyAttribute(
        lambda image: ContentFile(png_bytes(image.size[0], image.size[1]), name="photo.png")
    )
    alt_text = "Boats in the harbour at dawn"

    class Params:
        size = (1200, 630)


@dataclass
class World:
    """Two published stories and every kind of hidden one, sharing category, tag and author."""

    category: object
    tag: str
    author: object
    older: Article
    newer: Article
    hidden: list


def build_world():
    category = CategoryFactory(name="Harbour", slug="harbour")
    author = make_author(display_name="Amara Okafor", bio="Covers the harbour.")
    second_author = make_author(display_name="Ben Ito")
    now = timezone.now()
    filed = {"category": category, "tags": ["tides"]}
    older = ArticleFactory(
        **filed, authors=[author], headline="Older published story", status="published",
        published_at=now - timedelta(hours=5), featured_image=ImageFactory(),
    )  # fmt: skip
    newer = ArticleFactory(
        **filed, authors=[author, second_author], headline="Newer published story",
        status="published", published_at=now - timedelta(hours=2),
    )  # fmt: skip
    hidden = [
        ArticleFactory(**filed, authors=[author], headline="Draft story", status="draft"),
        ArticleFactory(**filed, authors=[author], headline="Review story", status="review"),
        ArticleFactory(
            **filed,
            authors=[author],
            headline="Archived story",
            status="archived",
            published_at=now - timedelta(hours=3),
        ),  # fmt: skip
        ArticleFactory(**filed, authors=[author], headline="Scheduled story", scheduled=True),
    ]
    return World(category, "tides", author, older, newer, hidden)


HIDDEN_HEADLINES = {"Draft story", "Review story", "Archived story", "Scheduled story"}
