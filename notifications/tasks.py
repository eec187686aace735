"""The job that e-mails a person what they were told since their last e-mail."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from jobs import enqueue_on_commit
from jobs.retry import retry_with_backoff

from . import conf, mail
from .models import MailWindow, Notification


def later(job, when):
    # The immediate backend of most tests cannot wait: there the e-mail goes at once.
    return job.using(run_after=when) if default_task_backend.supports_defer else job


# A mail server down for a while delays the e-mail; it does not lose it. Run again after a
# worker died mid-send, it may send the same list twice: better than losing it.
@retry_with_backoff(max_attempts=6, base=timedelta(minutes=1))
@task()
def send_notifications_mail(user_id):
    """ONE e-mail listing every notification of the person not yet mailed, then the
    window closes (or, if more came while it was sent, the next one opens)."""
    rows = list(Notification.objects.to_mail(user_id).select_related("recipient", "article"))
    if rows:
        mail.send_list(rows[0].recipient, list(reversed(rows)))  # oldest first, as it happened
    now = timezone.now()
    with transaction.atomic():
        Notification.objects.filter(pk__in=[row.pk for row in rows]).update(emailed_at=now)
        window, _ = MailWindow.objects.select_for_update().get_or_create(user_id=user_id)
        if Notification.objects.to_mail(user_id).exists():
            window.next_mail_at = now + conf.email_every()
            enqueue_on_commit(later(send_notifications_mail, window.next_mail_at), user_id)
        else:
            window.next_mail_at = None
        window.save(update_fields=["next_mail_at"])
    return len(rows)
