"""Archiving keeps a story readable at its address but stops promoting it; a take-down
removes it with 410 Gone everywhere, for a reason kept in its history."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status

PUBLIC_LISTS = ["/", "/feeds/rss/", "/sitemap-news.xml"]


def story(status, headline, **kwargs):
    published_at = timezone.now() - timedelta(hours=2)
    return ArticleFactory(status=status, headline=headline, published_at=published_at, **kwargs)


@pytest.fixture
def editor():
    return people.editor()


@pytest.mark.parametrize(
    ("status", "page_status", "listed"),
    [
        (Status.PUBLISHED, 200, True),
        (Status.ARCHIVED, 200, False),
        (Status.TAKEN_DOWN, 410, False),
        (Status.DRAFT, 404, False),
        (Status.IN_REVIEW, 404, False),
    ],
)
def test_what_the_public_sees_of_each_status(client, status, page_status, listed):
    article = story(status, f"Story that is {status}")
    response = client.get(article.get_absolute_url())
    assert response.status_code == page_status
    for url in PUBLIC_LISTS:
        shown = article.headline in client.get(url).content.decode()
        assert shown == listed, url
    category_page = client.get(article.category.get_absolute_url()).content.decode()
    assert (article.headline in category_page) == listed


def test_an_archived_story_reads_as_before_marked_as_archived_and_indexable(client):
    article = story(Status.ARCHIVED, "The old harbour plan")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1" in html and "The old harbour plan" in html
    assert "From the archive." in html
    assert 'name="robots"' not in html
    assert 'rel="canonical"' in html
    assert "Comments are closed" in html or 'id="comment-form"' not in html


def test_an_editor_may_ask_search_engines_to_drop_an_archived_story(client):
    article = story(Status.ARCHIVED, "The old harbour plan", archived_noindex=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta name="robots" content="noindex' in html
    assert "The old harbour plan" in html
    published = story(Status.PUBLISHED, "Live story", archived_noindex=True)
    assert 'name="robots"' not in client.get(published.get_absolute_url()).content.decode()


def test_an_archived_article_that_never_went_live_stays_private(client):
    never_live = ArticleFactory(status=Status.ARCHIVED, published_at=None)
    assert client.get(never_live.get_absolute_url()).status_code == 404
    future = ArticleFactory(status=Status.ARCHIVED, published_at=timezone.now() + timedelta(days=1))
    assert client.get(future.get_absolute_url()).status_code == 404
    assert not Article.objects.readable_at_address().filter(pk__in=[never_live.pk, future.pk])


def test_archiving_a_published_story_keeps_its_address_and_old_addresses_working(client, editor):
    article = story(Status.PUBLISHED, "Moved then archived")
    services.article_record_old_slug(article=article, old_slug="first-address")
    services.article_archive(article=article, user=editor)
    assert client.get(article.get_absolute_url()).status_code == 200
    old = client.get("/articles/first-address/")
    assert (old.status_code, old["Location"]) == (301, article.get_absolute_url())
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_only_a_published_story_can_be_archived(editor):
    draft = ArticleFactory()
    with pytest.raises(ValidationError):
        services.article_archive(article=draft, user=editor)


def test_a_take_down_answers_gone_at_every_address_and_keeps_the_reason(client, editor):
    article = story(Status.PUBLISHED, "A story naming a minor")
    services.article_record_old_slug(article=article, old_slug="earlier-address")
    services.article_take_down(article=article, user=editor, reason="Names a minor; court order")
    for url in (article.get_absolute_url(), "/articles/earlier-address/"):
        response = client.get(url)
        assert response.status_code == 410
        assert "This article has been removed" in response.content.decode()
        assert "A story naming a minor" not in response.content.decode()
    transition = article.transitions.get()
    assert (transition.action, transition.note) == ("take down", "Names a minor; court order")
    assert article.history.first().history_change_reason.endswith("Names a minor; court order")


def test_a_take_down_needs_a_reason_and_changes_nothing_without_one(editor):
    article = story(Status.PUBLISHED, "Stays up")
    with pytest.raises(ValidationError, match="Say why"):
        services.article_take_down(article=article, user=editor, reason="  ")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_writers_and_publishers_without_the_take_down_right_cannot_take_down():
    article = story(Status.PUBLISHED, "Stays up")
    with pytest.raises(PermissionDenied):
        services.article_take_down(article=article, user=people.writer(), reason="Mine")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED


def test_an_editor_brings_a_taken_down_article_back_as_a_draft(editor):
    article = story(Status.TAKEN_DOWN, "Cleared by the lawyers")
    services.article_return_to_draft(article=article, user=editor)
    assert article.status == Status.DRAFT


def test_an_editor_takes_articles_down_from_the_admin_list_giving_a_reason(client, editor):
    article = story(Status.PUBLISHED, "A privacy complaint")
    client.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    chosen = {"action": "take_down_selected", "_selected_action": [article.pk]}
    asked = client.post(changelist, chosen)
    assert asked.status_code == 200 and "Reason" in asked.content.decode()
    refused = client.post(changelist, {**chosen, "apply": "Take down", "reason": ""})
    assert refused.status_code == 200 and "This field is required" in refused.content.decode()
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED
    done = client.post(changelist, {**chosen, "apply": "Take down", "reason": "Privacy request"})
    assert done.status_code == 302
    article.refresh_from_db()
    assert article.status == Status.TAKEN_DOWN
    assert article.transitions.get().note == "Privacy request"


def test_a_writer_is_not_offered_the_take_down_action(client):
    writer = people.writer()
    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "take_down_selected" not in html


def test_the_status_field_cannot_take_an_article_down_without_a_reason(editor):
    article = story(Status.PUBLISHED, "Stays up")
    with pytest.raises(ValidationError, match="Take down"):
        services.article_change_status(article=article, user=editor, to_status=Status.TAKEN_DOWN)
