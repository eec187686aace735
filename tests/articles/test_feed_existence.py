"""A feed exists exactly when its page does: a tag only on drafts and a reader's account
have neither, so a feed address reveals no tag name and enumerates no account."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db

FORMATS = ("rss", "atom")


def answers(client, name, slug):
    page = client.get(reverse(f"articles:{name}", args=[slug])).status_code
    feeds = {
        client.get(reverse(f"syndication:{name}-{f}", args=[slug])).status_code for f in FORMATS
    }
    return page, feeds


def test_a_tag_used_only_on_drafts_has_no_page_and_no_feed(client):
    ArticleFactory(tags=["embargoed-merger"])
    ArticleFactory(scheduled=True, tags=["embargoed-merger"])
    assert answers(client, "tag", "embargoed-merger") == (404, {404})


def test_a_tag_on_a_published_story_has_a_page_and_a_feed(client):
    ArticleFactory(published=True, tags=["harbour"])
    assert answers(client, "tag", "harbour") == (200, {200})


def test_a_readers_account_has_no_page_and_no_feed(client):
    reader = people.reader(username="quiet-reader")
    assert answers(client, "author", reader.slug) == (404, {404})


def test_a_writer_with_only_drafts_has_no_page_and_no_feed(client):
    writer = people.writer()
    ArticleFactory(authors=[writer], status=Article.Status.IN_REVIEW)
    assert answers(client, "author", writer.slug) == (404, {404})


def test_a_published_author_has_a_page_and_a_feed(client):
    writer = people.writer()
    ArticleFactory(published=True, authors=[writer])
    assert answers(client, "author", writer.slug) == (200, {200})


def test_a_category_has_a_page_and_a_feed_even_before_its_first_story(client):
    category = CategoryFactory(slug="weather")
    assert answers(client, "category", category.slug) == (200, {200})


def test_the_filters_are_one_queryset_rule_for_listings_feeds_and_etags():
    writer = people.writer()
    category = CategoryFactory()
    story = ArticleFactory(published=True, authors=[writer], category=category, tags=["tide"])
    ArticleFactory(authors=[writer], category=category, tags=["tide"])  # a draft
    published = Article.objects.published()
    tag = story.tags.get()
    assert list(published.tagged(tag)) == [story]
    assert list(published.by_author(writer)) == [story]
    assert list(published.in_category(category)) == [story]


def test_a_hidden_tags_feed_never_answers_304_either(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    ArticleFactory(tags=["embargoed-merger"])
    url = reverse("syndication:tag-rss", args=["embargoed-merger"])
    response = client.get(url, headers={"if-none-match": "*"})
    assert response.status_code == 404
    assert not response.has_header("ETag")
