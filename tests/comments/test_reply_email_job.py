"""Reply emails leave the reader's request: a job sends them, and retries a dead server."""

from datetime import timedelta

import pytest
import time_machine
from django_tasks import TaskResultStatus

from comments.notifications import send_reply_notification
from comments.services import comment_post
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory
from tests.pgserver import free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(published_article, django_capture_on_commit_callbacks, job_queue):
    parent_author = UserFactory(email="pat@example.com")
    parent = CommentFactory(article=published_article, author=parent_author, body="My point")
    replier = UserFactory(display_name="Ravi Replier")
    CommentFactory(article=published_article, author=replier)  # known, so not held
    with django_capture_on_commit_callbacks(execute=True):
        return comment_post(
            article=published_article, author=replier, body="I disagree", parent=parent
        )


def test_the_reply_email_is_sent_by_a_job_not_inside_the_request(reply, job_queue, mailoutbox):
    assert mailoutbox == []
    job_queue.run()
    assert [email.to for email in mailoutbox] == [["pat@example.com"]]


def test_a_mail_server_that_is_down_delays_the_email_but_does_not_lose_it(
    reply, job_queue, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    job_queue.run()
    job = job_queue.jobs(send_reply_notification).get()
    assert job.status == TaskResultStatus.READY
    assert "ConnectionRefusedError" in job.traceback

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # back up
    with time_machine.travel(job.run_after + timedelta(seconds=1)):
        job_queue.run()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert len(mailoutbox) == 1
