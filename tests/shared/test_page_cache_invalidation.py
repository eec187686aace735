"""Every change a reader would notice reaches cached pages at once, and the clock too."""

from datetime import timedelta

import pytest
import time_machine
from django.apps import apps
from django.test import Client
from django.utils import timezone

from articles.models import Article
from shared.cache import content_changed, content_version
from tests import factories

pytestmark = pytest.mark.django_db


def page(url):
    """What an anonymous reader sees, filling the cache on the way."""
    return Client().get(url).content.decode()


def test_publishing_an_article_puts_it_on_cached_pages(published_article):
    assert "Lighthouse reopens" not in page("/")
    assert "Lighthouse reopens" not in page("/")  # now from the cache

    factories.ArticleFactory(
        published=True, headline="Lighthouse reopens", category=published_article.category
    )

    assert "Lighthouse reopens" in page("/")
    assert "Lighthouse reopens" in page(published_article.category.get_absolute_url())


def test_editing_an_article_refreshes_its_cached_page(published_article):
    url = published_article.get_absolute_url()
    page(url)

    published_article.headline = "Harbour plan approved after all-night sitting"
    published_article.save()

    assert "Harbour plan approved after all-night sitting" in page(url)


def test_unpublishing_an_article_takes_it_off_cached_pages(published_article):
    url = published_article.get_absolute_url()
    assert Client().get(url).status_code == 200
    assert published_article.headline in page("/")

    published_article.status = Article.Status.DRAFT
    published_article.save()

    assert Client().get(url).status_code == 404
    assert published_article.headline not in page("/")


def test_renaming_a_category_refreshes_the_category_bar_everywhere(published_article):
    category = published_article.category
    page("/")
    page(published_article.get_absolute_url())

    category.name = "Harbour Affairs"
    category.save()

    assert "Harbour Affairs" in page("/")
    assert "Harbour Affairs" in page(published_article.get_absolute_url())


def test_tagging_an_article_refreshes_its_cached_page(published_article):
    url = published_article.get_absolute_url()
    page(url)

    published_article.tags.add("Ferries")

    assert "Ferries" in page(url)


def test_renaming_an_author_refreshes_their_bylines(published_article, author):
    url = published_article.get_absolute_url()
    assert "Amara Okafor" in page(url)

    author.display_name = "Amara Okafor-Reyes"
    author.save()

    assert "Amara Okafor-Reyes" in page(url)


def test_a_reader_logging_in_leaves_the_cache_alone(client):
    reader = factories.UserFactory()
    before = content_version()

    client.login(username=reader.username, password="correct horse battery staple")

    assert content_version() == before


def test_a_bulk_update_is_seen_once_the_writer_calls_content_changed(published_article):
    url = published_article.get_absolute_url()
    page(url)

    Article.objects.filter(pk=published_article.pk).update(headline="Ferry timetable changes")
    content_changed()

    assert "Ferry timetable changes" in page(url)


@pytest.mark.skipif(
    "comments.Comment" not in {m._meta.label for m in apps.get_models()},
    reason="the comments app defines no Comment model yet",
)
def test_a_comment_changing_moves_the_content_version(published_article, author):
    Comment = apps.get_model("comments", "Comment")
    comment = Comment(
        article=published_article,
        author=author,
        body="Good news for the harbour.",
        status=Comment.Status.APPROVED,
    )
    before = content_version()

    comment.save()
    assert content_version() > before
    middle = content_version()
    comment.delete()
    assert content_version() > middle


def test_a_scheduled_article_appears_on_time_on_a_cached_page(category):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        factories.ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(minutes=10),
            headline="Tide tables for the new year",
            category=category,
        )
        factories.ArticleFactory(published=True, category=category)
        assert "Tide tables" not in page("/")
        assert Client().get("/")["X-Cache"] == "hit"

        clock.shift(timedelta(minutes=9))
        assert "Tide tables" not in page("/")

        clock.shift(timedelta(minutes=1, seconds=1))
        assert "Tide tables" in page("/")


def test_a_page_is_never_kept_past_the_next_scheduled_publish(category):
    with time_machine.travel(timezone.now(), tick=False):
        factories.ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(seconds=30),
            category=category,
        )

        response = Client().get("/")

    assert "max-age=30" in response["Cache-Control"]


def test_comments_held_for_review_leave_the_cache_alone_until_approved(
    published_article, author, django_capture_on_commit_callbacks
):
    from comments import services

    Comment = apps.get_model("comments", "Comment")
    before = content_version()
    for number in range(3):
        held = Comment(article=published_article, author=author, body=f"Buy pills {number}")
        held.save()
        held.root_id = held.pk
        held.save(update_fields=["root"])
    assert content_version() == before
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(comments=Comment.objects.filter(pk=held.pk), status="approved")
    assert content_version() > before
