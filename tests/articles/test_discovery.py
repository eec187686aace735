"""Readers find the feeds: a visible link on every category, tag and author page and in the
footer, besides the <link rel="alternate"> in the head."""

import pytest
from django.urls import reverse

from tests import people
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def visible_and_announced(html, feed_url):
    head, body = html.split("<body", 1)
    announced = '<link rel="alternate" type="application/rss+xml"' in head
    return f'<a href="{feed_url}"' in body and announced and f'href="{feed_url}"' in head


@pytest.fixture
def story():
    writer = people.writer(display_name="Amara Okafor")
    return ArticleFactory(
        published=True, authors=[writer], category=CategoryFactory(slug="harbour"), tags=["tide"]
    )


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        (("articles:category", "harbour"), ("syndication:category-rss", "harbour")),
        (("articles:tag", "tide"), ("syndication:tag-rss", "tide")),
        (("articles:author", "amara-okafor"), ("syndication:author-rss", "amara-okafor")),
    ],
)
def test_category_tag_and_author_pages_link_to_their_feed(client, story, page, feed):
    html = client.get(reverse(page[0], args=[page[1]])).content.decode()
    assert visible_and_announced(html, reverse(feed[0], args=[feed[1]]))
    assert client.get(reverse(feed[0], args=[feed[1]])).status_code == 200


def test_the_footer_links_to_the_sites_feed_on_every_page(client, story):
    for url in (reverse("articles:home"), story.get_absolute_url(), reverse("search:search")):
        footer = client.get(url).content.decode().split('class="site-footer"', 1)[1]
        assert f'href="{reverse("syndication:rss")}"' in footer
