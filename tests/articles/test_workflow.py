"""Every workflow transition, its rule, its log entry, and scheduling by time alone."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
NOON = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)


@pytest.fixture
def writer():
    return people.writer()


@pytest.fixture
def editor():
    return people.editor()


def test_a_draft_goes_to_review_then_live_and_each_step_is_logged(writer, editor):
    article = ArticleFactory(authors=[writer])
    services.article_submit(article=article, user=writer)
    services.article_publish(article=article, user=editor)
    assert article.is_published
    assert list(article.transitions.order_by("at", "pk").values_list("action", "by")) == [
        ("submit", writer.pk),
        ("publish", editor.pk),
    ]
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_bumps_the_public_content_version(editor):
    article = ArticleFactory(status=Status.IN_REVIEW)
    before = content_version()
    services.article_publish(article=article, user=editor)
    assert content_version() > before


def test_submitting_twice_is_refused_with_a_clear_message(writer):
    article = ArticleFactory(authors=[writer], status=Status.IN_REVIEW)
    with pytest.raises(ValidationError, match="Cannot submit an article that is in review"):
        services.article_submit(article=article, user=writer)


def test_unpublish_takes_an_article_off_the_site_back_to_draft(editor):
    article = ArticleFactory(published=True)
    before = content_version()
    services.article_unpublish(article=article, user=editor)
    assert article.status == Status.DRAFT
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert content_version() > before


def test_archive_hides_an_article_and_return_to_draft_brings_it_back(editor):
    article = ArticleFactory(published=True)
    services.article_archive(article=article, user=editor)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    services.article_return_to_draft(article=article, user=editor)
    assert article.status == Status.DRAFT


def test_an_editor_sends_a_story_in_review_back_to_its_writer(editor):
    article = ArticleFactory(status=Status.IN_REVIEW)
    services.article_return_to_draft(article=article, user=editor)
    assert article.transitions.get().action == "return"


def test_a_writer_cannot_bring_back_an_archived_article(writer):
    article = ArticleFactory(authors=[writer], status=Status.ARCHIVED)
    with pytest.raises(PermissionDenied):
        services.article_return_to_draft(article=article, user=writer)


def test_a_scheduled_article_appears_when_its_time_comes_with_no_cron(editor):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(status=Status.IN_REVIEW)
        services.article_publish(
            article=article, user=editor, published_at=NOON + timedelta(hours=2)
        )
        assert article.transitions.get().action == "schedule"
        assert article.is_scheduled
        assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(NOON + timedelta(hours=2, seconds=1), tick=False):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_a_scheduled_article_now_moves_its_time_to_now(editor):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(scheduled=True)
        services.article_publish(article=article, user=editor)
        assert article.published_at == NOON
        assert article.is_published


def test_republishing_keeps_the_original_publication_date(editor):
    with time_machine.travel(NOON, tick=False):
        article = ArticleFactory(published=True)
        first = article.published_at
        services.article_unpublish(article=article, user=editor)
        services.article_publish(article=article, user=editor)
        assert article.published_at == first


def test_an_image_without_alt_text_blocks_publishing(editor):
    picture = people.library_image(alt_text="")
    article = ArticleFactory(status=Status.IN_REVIEW, body=f"Text\n\n[[image {picture.pk}]]")
    with pytest.raises(ValidationError, match="alt text"):
        services.article_publish(article=article, user=editor)
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_a_featured_image_without_alt_text_blocks_publishing_in_the_admin(client, editor):
    picture = people.library_image(alt_text="")
    article = ArticleFactory(status=Status.IN_REVIEW, featured_image=picture)
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, status=Status.PUBLISHED),
    )
    assert "Add alt text to these images before publishing" in response.content.decode()
    article.refresh_from_db()
    assert article.status == Status.IN_REVIEW


def test_an_editor_schedules_in_the_newsroom_time_zone_and_it_is_stored_in_utc(
    client, editor, settings
):
    settings.TIME_ZONE = "Europe/Paris"
    article = ArticleFactory(status=Status.IN_REVIEW)
    client.force_login(editor)
    with time_machine.travel(NOON, tick=False):
        client.post(
            reverse("admin:articles_article_change", args=[article.pk]),
            people.article_form_data(
                article,
                status=Status.PUBLISHED,
                published_at_0="2026-05-04",
                published_at_1="18:00:00",
                publish_anyway="1",  # past the pre-publish check's warnings (no picture...)
            ),
        )
    article.refresh_from_db()
    assert article.published_at == datetime(2026, 5, 4, 16, 0, tzinfo=UTC)  # CEST is UTC+2
    assert article.transitions.get().action == "schedule"
