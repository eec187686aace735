"""Which changes become events: what readers can see, or stop seeing; never a draft."""

import json
from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from comments.models import Comment
from comments.services import comment_moderate, comment_post
from pages.models import Page
from tests import people
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


def events(receiver):
    return [json.loads(request.body) for request in receiver.requests]


def save_in_admin(client, article, **changes):
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, people.article_form_data(article, **changes))
    assert response.status_code == 302, response.content.decode()[:3000]


def test_saving_a_draft_sends_nothing(
    editor_client, endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(headline="Secret scoop")
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(editor_client, draft, headline="Secret scoop, revised")
    job_queue.run()
    assert hook_receiver.requests == []
    assert not job_queue.jobs().exists()


def test_editing_a_live_article_sends_article_updated(
    editor_client, endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    live = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(editor_client, live, headline="Ferry plan: the vote is close")
    job_queue.run()
    [event] = events(hook_receiver)
    assert event["type"] == "article.updated"
    assert event["data"]["article"]["headline"] == "Ferry plan: the vote is close"


def test_unpublishing_sends_article_unpublished_with_nothing_but_its_identity(
    editor_client, endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    live = ArticleFactory(published=True)
    with django_capture_on_commit_callbacks(execute=True):
        save_in_admin(editor_client, live, status=Article.Status.DRAFT)
    job_queue.run()
    [event] = events(hook_receiver)
    assert event["type"] == "article.unpublished"
    assert event["data"] == {"article": {"id": live.pk, "slug": live.slug}}


def test_a_scheduled_article_is_announced_when_its_time_comes_not_before(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=people.editor(), published_at=at)
    job_queue.run()
    assert hook_receiver.requests == []

    with time_machine.travel(at + timedelta(seconds=1)):
        with django_capture_on_commit_callbacks(execute=True):
            job_queue.run()
        job_queue.run()
    assert [event["type"] for event in events(hook_receiver)] == ["article.published"]


def test_a_rescheduled_article_is_announced_once_at_its_new_time(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    article, editor = ArticleFactory(), people.editor()
    first, later = timezone.now() + timedelta(hours=1), timezone.now() + timedelta(hours=3)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor, published_at=first)
    with django_capture_on_commit_callbacks(execute=True):
        services.article_publish(article=article, user=editor, published_at=later)
    for moment in (first, later):
        with time_machine.travel(moment + timedelta(seconds=1)):
            with django_capture_on_commit_callbacks(execute=True):
                job_queue.run()
            job_queue.run()
    assert [event["type"] for event in events(hook_receiver)] == ["article.published"]


def test_an_approved_comment_and_one_approved_by_a_moderator_send_comment_approved(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks, published_article
):
    reader = people.reader(display_name="Ravi")
    CommentFactory(article=published_article, author=reader)  # known: not held for review
    with django_capture_on_commit_callbacks(execute=True):
        comment_post(article=published_article, author=reader, body="Well reported")
    held = CommentFactory(article=published_article, status=Comment.Status.PENDING, body="Hm")
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comments=[held], status=Comment.Status.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        comment_moderate(comments=[held], status=Comment.Status.APPROVED)  # already visible
    job_queue.run()
    sent = events(hook_receiver)
    assert [event["type"] for event in sent] == ["comment.approved", "comment.approved"]
    assert sorted(event["data"]["comment"]["body"] for event in sent) == ["Hm", "Well reported"]


def test_publishing_a_static_page_sends_page_published_once(
    editor_client, endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    form = {"title": "Ethics policy", "slug": "ethics", "body": "We correct mistakes."}
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:pages_page_add"), form)  # a draft: nothing
    page = Page.objects.get()
    url = reverse("admin:pages_page_change", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {**form, "is_published": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {**form, "is_published": "on", "body": "We correct fast."})
    job_queue.run()
    [event] = events(hook_receiver)
    assert event["type"] == "page.published"
    assert event["data"]["page"]["url"].endswith("/ethics/")
