import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import SiteIdentity
from articles.syndication import sitemaps
from pages.models import Page
from tests.articles.seo_factories import TRICKY_HEADLINE, build_world, make_author
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SITEMAP, "news": NEWS}


@pytest.fixture
def world(db):
    return build_world()


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return response, ET.fromstring(response.content)  # raises on malformed XML


def locations(root):
    return [loc.text for loc in root.iterfind("sm:url/sm:loc", NS)]


def absolute(path):
    return "http://testserver" + path


def test_index_lists_the_five_sections_with_their_last_change(client, world):
    Page.objects.create(title="About", slug="about", is_published=True)
    response, root = xml(client, reverse("syndication:sitemap-index"))
    assert root.tag == f"{{{SITEMAP}}}sitemapindex"
    entries = root.findall("sm:sitemap", NS)
    assert [entry.find("sm:loc", NS).text for entry in entries] == [
        absolute(f"/sitemap-{section}.xml")
        for section in ("articles", "categories", "tags", "authors", "pages")
    ]
    assert all(entry.find("sm:lastmod", NS).text for entry in entries)
    assert response.has_header("Last-Modified")


def test_article_sitemap_holds_exactly_the_published_articles(client, world):
    _, root = xml(client, reverse("syndication:sitemap-section", args=["articles"]))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    assert sorted(locations(root)) == sorted(
        absolute(article.get_absolute_url()) for article in (world.older, world.newer)
    )
    assert len(root.findall("sm:url/sm:lastmod", NS)) == 2


def test_section_sitemaps_list_only_pages_with_published_articles(client, world):
    # A category, tag and author whose only story is a draft stay out of the sitemaps.
    lonely = make_author(display_name="Draft Only")
    ArticleFactory(category=CategoryFactory(slug="unseen"), authors=[lonely], tags=["unseen-tag"])
    urls = {
        section: locations(xml(client, f"/sitemap-{section}.xml")[1])
        for section in ("categories", "tags", "authors")
    }
    assert urls["categories"] == [absolute("/category/harbour/")]
    assert urls["tags"] == [absolute("/tag/tides/")]
    assert sorted(urls["authors"]) == [
        absolute("/author/amara-okafor/"),
        absolute("/author/ben-ito/"),
    ]


def test_large_sections_split_into_pages_listed_in_the_index(client, world, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 1)
    _, index = xml(client, reverse("syndication:sitemap-index"))
    article_pages = [
        loc.text for loc in index.iterfind("sm:sitemap/sm:loc", NS) if "articles" in loc.text
    ]
    assert article_pages == [
        absolute("/sitemap-articles.xml"),
        absolute("/sitemap-articles.xml?p=2"),
    ]
    first = locations(xml(client, "/sitemap-articles.xml")[1])
    second = locations(xml(client, "/sitemap-articles.xml?p=2")[1])
    assert first == [absolute(world.older.get_absolute_url())]  # oldest first: pages stay put
    assert second == [absolute(world.newer.get_absolute_url())]
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404


def test_sitemaps_cost_the_same_queries_whatever_the_archive_size(client, settings):
    settings.PAGE_CACHE_ENABLED = False  # measure the sitemaps, not a cache hit
    category = CategoryFactory(slug="markets")
    author = make_author()
    urls = [reverse("syndication:sitemap-index"), reverse("syndication:news-sitemap")] + [
        f"/sitemap-{section}.xml" for section in ("articles", "categories", "tags", "authors")
    ]

    def queries_for(size):
        for n in range(size):
            ArticleFactory(published=True, category=category, authors=[author], tags=[f"t{n}"])
        counts = []
        for url in urls:
            client.get(url)  # warm the per-version caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        return counts

    small = queries_for(2)
    assert queries_for(30) == small
    # The index: a count and a newest change per section; each page: a count and its rows.
    assert small[0] <= 10 and max(small[1:]) <= 2


def test_news_sitemap_lists_the_last_two_days_with_publication_and_title(client, world):
    SiteIdentity.objects.create(name="The Harbour Herald", language="en-GB")
    world.newer.headline = TRICKY_HEADLINE
    world.newer.save()
    ArticleFactory(
        published=True,
        category=world.category,
        authors=[world.author],
        headline="Last week",
        published_at=timezone.now() - timedelta(days=7),
    )
    _, root = xml(client, reverse("syndication:news-sitemap"))
    assert root.tag == f"{{{SITEMAP}}}urlset"
    assert locations(root) == [
        absolute(world.newer.get_absolute_url()),
        absolute(world.older.get_absolute_url()),
    ]
    news = root.find("sm:url/news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "The Harbour Herald"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "en-GB"
    assert news.findtext("news:title", namespaces=NS) == TRICKY_HEADLINE
    published = news.findtext("news:publication_date", namespaces=NS)
    assert published == world.newer.published_at.isoformat()


def test_news_sitemap_drops_a_story_once_it_is_two_days_old(client, world, time_machine):
    time_machine.move_to(timezone.now() + timedelta(hours=45))
    _, root = xml(client, reverse("syndication:news-sitemap"))
    # Now the older story is 50 hours old and the newer one 47; the scheduled one went live.
    headlines = [title.text for title in root.iterfind("sm:url/news:news/news:title", NS)]
    assert headlines == ["Scheduled story", "Newer published story"]


def test_no_hidden_story_appears_in_any_sitemap(client, world):
    hidden_urls = {absolute(article.get_absolute_url()) for article in world.hidden}
    for url in ("/sitemap-articles.xml", reverse("syndication:news-sitemap")):
        assert not hidden_urls & set(locations(xml(client, url)[1]))
