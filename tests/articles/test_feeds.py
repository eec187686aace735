from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, SiteIdentity
from shared.cache import content_changed
from tests.articles.seo_factories import (
    HIDDEN_HEADLINES,
    TRICKY_HEADLINE,
    build_world,
    make_author,
)
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def feed_urls(world):
    scoped = {
        "category": world.category.slug,
        "tag": world.tag,
        "author": world.author.slug,
    }
    urls = {"site-rss": reverse("syndication:rss"), "site-atom": reverse("syndication:atom")}
    for kind, slug in scoped.items():
        for fmt in ("rss", "atom"):
            urls[f"{kind}-{fmt}"] = reverse(f"syndication:{kind}-{fmt}", args=[slug])
    return urls


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize(
    "name",
    [
        "site-rss",
        "site-atom",
        "category-rss",
        "category-atom",
        "tag-rss",
        "tag-atom",
        "author-rss",
        "author-atom",
    ],
)
def test_every_feed_parses_and_lists_exactly_the_published_articles_newest_first(
    client, world, name
):
    response, feed = parse(client, feed_urls(world)[name])
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Newer published story", "Older published story"]
    assert not HIDDEN_HEADLINES & set(titles)
    expected_version = "rss20" if name.endswith("rss") else "atom10"
    assert feed.version == expected_version


def test_rss_entry_carries_link_standfirst_authors_categories_dates_and_image(client, world):
    _, feed = parse(client, reverse("syndication:rss"))
    newer, older = feed.entries
    assert newer.link == "http://testserver" + world.newer.get_absolute_url()
    assert newer.summary == world.newer.standfirst
    assert newer.author == "Amara Okafor and Ben Ito"
    assert {tag.term for tag in newer.tags} == {"Harbour", "tides"}
    published = world.newer.published_at.replace(microsecond=0)
    assert newer.published_parsed[:6] == published.utctimetuple()[:6]
    [enclosure] = older.enclosures
    image = world.older.featured_image
    assert enclosure.href == "http://testserver" + image.file.url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == image.file.size
    assert newer.id != older.id and not newer.guidislink


def test_atom_entry_carries_updated_date_authors_and_image(client, world):
    _, feed = parse(client, reverse("syndication:atom"))
    newer, older = feed.entries
    assert newer.author == "Amara Okafor and Ben Ito"
    assert newer.updated_parsed is not None
    assert newer.published_parsed is not None
    assert [link.rel for link in older.links].count("enclosure") == 1


def test_feed_title_and_language_come_from_the_editable_site_identity(client, world):
    SiteIdentity.objects.create(name="The Harbour Herald", language="en-GB")
    _, feed = parse(client, reverse("syndication:rss"))
    assert feed.feed.title == "The Harbour Herald"
    assert feed.feed.language == "en-GB"
    _, category_feed = parse(client, reverse("syndication:category-rss", args=["harbour"]))
    assert category_feed.feed.title == "Harbour — The Harbour Herald"


@pytest.mark.parametrize("url_name", ["syndication:rss", "syndication:atom"])
def test_a_headline_with_markup_quotes_and_emoji_round_trips_through_the_feed(
    client, world, url_name
):
    world.newer.headline = TRICKY_HEADLINE
    world.newer.save()
    response, feed = parse(client, reverse(url_name))
    assert feed.entries[0].title == TRICKY_HEADLINE
    assert b"</script>" not in response.content


def test_unknown_category_tag_or_author_feed_answers_404(client, db):
    for kind in ("category", "tag", "author"):
        assert client.get(reverse(f"syndication:{kind}-rss", args=["nobody"])).status_code == 404


def test_feed_answers_304_to_a_reader_that_has_the_latest_copy(client, world, settings):
    # The feed's own answer, with no page cache in front (that one matches ETags only).
    settings.PAGE_CACHE_ENABLED = False
    url = reverse("syndication:rss")
    first = client.get(url)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    since = first["Last-Modified"]
    assert client.get(url, headers={"if-modified-since": since}).status_code == 304
    assert first["Cache-Control"] == "public, max-age=300"


def test_feed_answers_304_through_the_whole_stack(client, world):
    url = reverse("syndication:atom")
    etag = client.get(url)["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_feed_changes_its_etag_when_a_story_is_published_or_taken_down(client, world):
    url = reverse("syndication:rss")
    etag = client.get(url)["ETag"]
    ArticleFactory(
        published=True, category=world.category, authors=[world.author], headline="Breaking"
    )
    after_publish = client.get(url, headers={"if-none-match": etag})
    assert after_publish.status_code == 200
    assert b"Breaking" in after_publish.content
    # Taking a story down moves no "newest" timestamp forward; the feed must still change.
    Article.objects.filter(headline="Breaking").update(status=Article.Status.ARCHIVED)
    content_changed()  # as every write that bypasses save() must
    after_takedown = client.get(url, headers={"if-none-match": after_publish["ETag"]})
    assert after_takedown.status_code == 200
    assert b"Breaking" not in after_takedown.content


def test_a_scheduled_story_enters_the_feed_when_its_time_comes(client, world, time_machine):
    url = reverse("syndication:rss")
    before = client.get(url)
    assert b"Scheduled story" not in before.content
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert b"Scheduled story" in after.content


def test_a_feed_costs_the_same_queries_whatever_the_number_of_articles(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # measure the feed, not a cache hit
    category = CategoryFactory(slug="markets")
    authors = [make_author(), make_author()]
    url = reverse("syndication:category-rss", args=["markets"])

    def queries_for(size):
        for n in range(size):
            ArticleFactory(published=True, category=category, authors=authors, tags=[f"t{n}"])
        client.get(url)  # warm the per-version caches (site identity, next publish time)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert len(feedparser.parse(response.content).entries) == min(
            Article.objects.published().count(), 30
        )
        return len(queries)

    small = queries_for(3)
    assert queries_for(40) == small
    # freshness, category, articles, their authors, their tags
    assert small <= 5
