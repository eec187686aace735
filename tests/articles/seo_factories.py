"""Shared set-up for the feed, sitemap and head-metadata tests."""

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

# Everything that could break out of a script tag, an attribute or an XML element at once.
# Saving typesets a headline ("no" becomes “no”); a quote between spaces stays straight,
# so the straight double quote still reaches every output.
TRICKY_HEADLINE = 'Mayor says </script><!-- " no " & ‘never’ — 🚀 \u2028 <b>ok</b>'


def make_author(**fields):
    """A byline without a login: hashing a password costs half a second a user."""
    return UserFactory(password=None, **fields)


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
        **filed,
        authors=[author],
        headline="Older published story",
        status="published",
        published_at=now - timedelta(hours=5),
        featured_image=ImageFactory(size=(1200, 630)),
    )
    newer = ArticleFactory(
        **filed,
        authors=[author, second_author],
        headline="Newer published story",
        status="published",
        published_at=now - timedelta(hours=2),
    )
    hidden = [
        ArticleFactory(**filed, authors=[author], headline="Draft story", status="draft"),
        ArticleFactory(**filed, authors=[author], headline="Review story", status="review"),
        ArticleFactory(
            **filed,
            authors=[author],
            headline="Archived story",
            status="archived",
            published_at=now - timedelta(hours=3),
        ),
        ArticleFactory(**filed, authors=[author], headline="Scheduled story", scheduled=True),
    ]
    return World(category, "tides", author, older, newer, hidden)


HIDDEN_HEADLINES = {"Draft story", "Review story", "Archived story", "Scheduled story"}
