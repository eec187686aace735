"""The jobs that send mail. A send walks its audience in subscriber order, one batch a job:
the batch's delivery rows are written (and the cursor moved) in one transaction before any
message goes; each row is claimed for its handoff (queued -> handing, with the Message-ID
it is sent with) before the message goes and marked sent after it; the next batch is queued
as late as the newsroom's rate asks. A job that fails (the mail server went away) is
retried and starts with the rows still queued.

A worker killed mid-send leaves at most one row `handing`: the message it was handing over.
An SMTP server takes a message only when it answers the end of the data, so a handoff cut
off is almost always one the server dropped; the row is sent again, with the same
Message-ID, and marked `interrupted`. Only a kill in the instant between the server's answer
and the row's update could make a second copy, and that copy carries the first one's
Message-ID, which mailbox providers use to drop duplicates."""

import time
from datetime import timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from jobs.retry import retry_with_backoff

from . import conf, mail
from .models import Delivery, Kind, Send


def later(job, when):
    return job.using(run_after=when) if default_task_backend.supports_defer else job


@retry_with_backoff(max_attempts=5, base=timedelta(seconds=30))
@task()
def mail_confirmation(email, follow, follow_name):
    mail.confirmation(email, follow, follow_name).send()


@retry_with_backoff(max_attempts=12, base=timedelta(seconds=30), cap=timedelta(minutes=30))
@task()
def send_batch(send_id):
    send = Send.objects.filter(pk=send_id).exclude(status=Send.Status.DONE).first()
    if send is None:
        return 0
    # A worker killed during a handoff left its row here: send it again, as the same message.
    with transaction.atomic():
        send.deliveries.filter(status=Delivery.Status.HANDING).update(
            status=Delivery.Status.QUEUED, interrupted=True
        )
    if not send.deliveries.filter(status=Delivery.Status.QUEUED).exists() and not claim_batch(send):
        with transaction.atomic():
            Send.objects.filter(pk=send.pk).update(
                status=Send.Status.DONE, finished_at=timezone.now()
            )
        return 0
    started = time.monotonic()
    handed = hand_over(send)
    pause = handed * 60 / conf.per_minute() - (time.monotonic() - started)
    when = timezone.now() + timedelta(seconds=max(pause, 0))
    later(send_batch, when).enqueue(send.pk)  # this job's writes are already committed
    return handed


@transaction.atomic
def claim_batch(send):
    """Delivery rows for the next batch of the audience, and the cursor past them."""
    send = Send.objects.select_for_update().get(pk=send.pk)
    readers = list(
        send.audience().filter(pk__gt=send.cursor).values_list("pk", "email")[: conf.batch_size()]
    )
    if not readers:
        return False
    Delivery.objects.bulk_create(
        [Delivery(send=send, subscriber_id=pk, email=email) for pk, email in readers],
        ignore_conflicts=True,
    )
    Send.objects.filter(pk=send.pk).update(cursor=readers[-1][0], status=Send.Status.SENDING)
    return True


def hand_over(send):
    rows = send.deliveries.filter(status=Delivery.Status.QUEUED).select_related("subscriber")
    articles = None if send.kind == Kind.DIGEST else mail.articles_for(send, None)
    handed = 0
    # Read the batch (at most NEWSLETTERS_BATCH_SIZE rows) before writing any: on SQLite, a
    # cursor left open holds a read snapshot, and the first write after another process
    # wrote (a worker's heartbeat, a reader subscribing) would fail with "database is locked".
    with get_connection() as connection:
        for delivery in list(rows.order_by("subscriber_id")):
            message = mail.for_send(
                send, delivery.subscriber, articles=articles, message_id=delivery.message_id
            )
            if message is None:
                mark(delivery, Delivery.Status.SKIPPED)
                continue
            if not claim(delivery, message.extra_headers["Message-ID"]):
                continue  # another worker has it (a job run twice): never a second copy
            message.connection = connection
            try:
                message.send()
            except Exception:
                # The server refused or went away: it has not got this one; try it again.
                mark(delivery, Delivery.Status.QUEUED)
                raise
            # A provider's API names the message its own way; its webhooks use that name.
            status = getattr(message, "anymail_status", None)
            mark(delivery, Delivery.Status.SENT, message_id=getattr(status, "message_id", None))
            handed += 1
    return handed


# Each write in a transaction of its own: on SQLite that is BEGIN IMMEDIATE, which waits for
# the write lock first. A bare UPDATE reads first, and when it then has to wait for another
# process's write it fails at once with "database is locked" (its snapshot went stale).


@transaction.atomic
def claim(delivery, message_id):
    """Mark the row as being handed over, with its Message-ID, unless someone else did."""
    return bool(
        Delivery.objects.filter(pk=delivery.pk, status=Delivery.Status.QUEUED).update(
            status=Delivery.Status.HANDING, message_id=message_id.strip("<>")
        )
    )


@transaction.atomic
def mark(delivery, status, message_id=None):
    fields = {"status": status}
    if status == Delivery.Status.SENT:
        fields["sent_at"] = timezone.now()
    if message_id:
        fields["message_id"] = message_id.strip("<>")
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
