"""Notifications by e-mail: through the job queue to a real SMTP server, at most one e-mail
per person per window, listing everything that happened in it."""

from datetime import timedelta

import pytest
import time_machine

from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import send_notifications_mail

pytestmark = pytest.mark.django_db

EVERY = timedelta(minutes=5)


@pytest.fixture(autouse=True)
def window(settings):
    settings.NOTIFICATIONS_EMAIL_EVERY = EVERY


def tell(sofia, text, capture, article=None):
    with capture(execute=True):
        notify(recipients=[sofia], kind="mentioned", text=text, article=article)
    return Notification.objects.get(text=text)


def waiting_mail_jobs(job_queue):
    return job_queue.waiting().filter(task_path=send_notifications_mail.module_path)


def body(message, subtype):
    return message.get_body(preferencelist=(subtype,)).get_content()


def test_three_inside_the_window_make_one_mail_listing_all_three(
    sofia, draft, inbox, job_queue, django_capture_on_commit_callbacks
):
    first = tell(sofia, "Amara mentioned you", django_capture_on_commit_callbacks, draft)
    with time_machine.travel(first.created_at + timedelta(minutes=1), tick=False):
        tell(sofia, "Ravi mentioned you", django_capture_on_commit_callbacks)
    with time_machine.travel(first.created_at + timedelta(minutes=4), tick=False):
        tell(sofia, "Kofi mentioned you", django_capture_on_commit_callbacks)
        job_queue.run()  # nothing is due yet
    assert inbox.messages == []
    assert waiting_mail_jobs(job_queue).count() == 1

    with time_machine.travel(first.created_at + EVERY + timedelta(seconds=1), tick=False):
        job_queue.run()
    [message] = inbox.messages
    assert message["To"] == "sofia@example.com"
    text = body(message, "plain")
    assert text.index("Amara mentioned you") < text.index("Ravi") < text.index("Kofi")
    html = body(message, "html")
    assert f'href="http://testserver/admin/articles/article/{draft.pk}/change/"' in html
    assert "Kofi mentioned you" in html
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


def test_one_after_the_window_makes_a_second_mail(
    sofia, inbox, job_queue, django_capture_on_commit_callbacks
):
    first = tell(sofia, "Amara mentioned you", django_capture_on_commit_callbacks)
    sent_at = first.created_at + EVERY + timedelta(seconds=1)
    with time_machine.travel(sent_at, tick=False):
        job_queue.run()
    assert len(inbox.messages) == 1

    with time_machine.travel(sent_at + timedelta(minutes=1), tick=False):
        second = tell(sofia, "Ravi mentioned you", django_capture_on_commit_callbacks)
        job_queue.run()
    assert len(inbox.messages) == 1  # not before its own window ends
    with time_machine.travel(second.created_at + EVERY + timedelta(seconds=1), tick=False):
        job_queue.run()
    assert len(inbox.messages) == 2
    latest = body(inbox.messages[1], "plain")
    assert "Ravi mentioned you" in latest
    assert "Amara mentioned you" not in latest


def test_the_workflow_mails_editors_through_the_queue(
    amara, sofia, draft, inbox, job_queue, django_capture_on_commit_callbacks
):
    from articles import services as workflow

    with django_capture_on_commit_callbacks(execute=True):
        workflow.article_submit(article=draft, user=amara)
    job = waiting_mail_jobs(job_queue).get()
    with time_machine.travel(job.run_after + timedelta(seconds=1), tick=False):
        job_queue.run()
    [message] = inbox.to("sofia@example.com")
    assert "Amara Okafor submitted “Harbour fees rise” for review" in message["Subject"]
    assert inbox.to("amara@example.com") == []


def test_e_mail_turned_off_sends_nothing_and_queues_nothing(
    sofia, inbox, job_queue, django_capture_on_commit_callbacks
):
    from notifications.services import preferences_set

    preferences_set(user=sofia, choices={"mentioned": (True, False)})
    tell(sofia, "Amara mentioned you", django_capture_on_commit_callbacks)
    assert waiting_mail_jobs(job_queue).count() == 0
    assert Notification.objects.unread_for(sofia).count() == 1
