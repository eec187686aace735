"""Each event reaches a real receiver as a signed JSON POST, retried after failures."""

import json
from datetime import timedelta

import pytest
import time_machine
from django_tasks import TaskResultStatus

from articles import services
from tests import people
from tests.factories import ArticleFactory
from webhooks import signing
from webhooks.models import Delivery
from webhooks.tasks import deliver

pytestmark = pytest.mark.django_db


def publish(captured, article):
    with captured(execute=True):
        services.article_publish(article=article, user=people.editor())


def test_publishing_posts_a_signed_event_the_receiver_can_verify(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    article = ArticleFactory(headline="Ferry plan approved", slug="ferry-plan")
    publish(django_capture_on_commit_callbacks, article)
    assert hook_receiver.requests == [], "sent by a job, not inside the editor's request"

    job_queue.run()

    [request] = hook_receiver.requests
    assert request.path == "/hooks/newsroom"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["Newsroom-Event"] == "article.published"
    assert signing.verify("s3cret", request.headers["Newsroom-Signature"], request.body)
    assert not signing.verify("wrong", request.headers["Newsroom-Signature"], request.body)
    event = json.loads(request.body)
    assert event["type"] == "article.published"
    assert event["id"] == request.headers["Newsroom-Event-Id"]
    assert event["data"]["article"]["headline"] == "Ferry plan approved"
    assert event["data"]["article"]["url"] == f"https://news.example{article.get_absolute_url()}"

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code) == (Delivery.Status.SUCCEEDED, 200)
    assert delivery.response_body == "answer 200 to request 1"


def test_a_signature_from_the_past_is_refused_by_the_verifier():
    body = b'{"type": "article.published"}'
    header = signing.signature_header("s3cret", body, timestamp=1_700_000_000)
    assert signing.verify("s3cret", header, body, now=1_700_000_100)
    assert not signing.verify("s3cret", header, body, now=1_700_000_000 + 301)
    assert not signing.verify("s3cret", header, body + b" ", now=1_700_000_100)


def test_a_receiver_answering_500_gets_the_event_again_later_until_it_accepts(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    hook_receiver.answers = [(500, {}), (503, {})]
    publish(django_capture_on_commit_callbacks, ArticleFactory())

    job_queue.run()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.response_code) == (Delivery.Status.FAILED, 500)
    assert delivery.response_body == "answer 500 to request 1"
    job = job_queue.jobs(deliver).get()
    assert job.status == TaskResultStatus.READY
    first_wait = job.run_after - job.started_at
    assert timedelta(seconds=45) < first_wait <= timedelta(minutes=1)

    with time_machine.travel(job.run_after + timedelta(seconds=1)):
        job_queue.run()
    job.refresh_from_db()
    delivery.refresh_from_db()
    assert delivery.response_code == 503
    assert timedelta(seconds=90) < job.run_after - job.started_at <= timedelta(minutes=2)

    with time_machine.travel(job.run_after + timedelta(seconds=1)):
        job_queue.run()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SUCCEEDED, 3)
    ids = {request.headers["Newsroom-Event-Id"] for request in hook_receiver.requests}
    assert len(hook_receiver.requests) == 3 and len(ids) == 1, "one event id to dedupe by"
    assert all(
        signing.verify("s3cret", r.headers["Newsroom-Signature"], r.body, now=None, tolerance=1e9)
        for r in hook_receiver.requests
    )


def test_retries_stop_a_day_after_the_event(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    hook_receiver.answers = [(500, {})] * 50
    publish(django_capture_on_commit_callbacks, ArticleFactory())
    job_queue.run()
    job = job_queue.jobs(deliver).get()
    while job.status == TaskResultStatus.READY:
        with time_machine.travel(job.run_after + timedelta(seconds=1)):
            job_queue.run()
        job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED
    assert job.finished_at - job.enqueued_at <= timedelta(days=1)
    assert job.finished_at - job.enqueued_at > timedelta(hours=20)
    assert 10 < len(hook_receiver.requests) < 25


def test_a_delivered_event_is_not_sent_again_when_its_job_runs_twice(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    publish(django_capture_on_commit_callbacks, ArticleFactory())
    job_queue.run()
    deliver.call(Delivery.objects.get().pk)  # as after a worker died before recording success
    assert len(hook_receiver.requests) == 1


def test_an_endpoint_gets_only_the_events_it_asked_for(
    endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    endpoint.events = ["comment.approved"]
    endpoint.save()
    publish(django_capture_on_commit_callbacks, ArticleFactory())
    job_queue.run()
    assert hook_receiver.requests == []
    assert not Delivery.objects.exists()
