from datetime import timedelta

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django_tasks import task

from articles.models import SiteIdentity
from jobs.retry import retry_with_backoff
from shared.mail_headers import header_text


def notify_reply(reply, parent, *, site_url=""):
    """Tell the parent comment's author about a reply, from a background job."""
    send_reply_notification.enqueue(reply.pk, parent.pk, site_url=site_url)


# A mail server that is down for a while delays the email; it does not lose it.
@retry_with_backoff(max_attempts=6, base=timedelta(minutes=1))
@task()
def send_reply_notification(reply_id, parent_id, *, site_url=""):
    """Email the parent's author, unless they opted out. Run again after a worker died
    mid-send, it can send twice: a duplicate email is better than a lost one."""
    from .models import Comment

    replies = Comment.objects.select_related("article", "author")
    reply = replies.filter(pk=reply_id).first()
    parent = Comment.objects.select_related("author").filter(pk=parent_id).first()
    if reply is None or parent is None:
        return False  # deleted before the job ran
    recipient = parent.author
    if (
        recipient is None
        or not recipient.email
        or not recipient.notify_on_reply
        or recipient.pk == reply.author_id
    ):
        return False
    context = {
        "reply": reply,
        "parent": parent,
        "recipient": recipient,
        "site_name": SiteIdentity.current().name,
        "site_url": site_url.rstrip("/"),
    }
    send_mail(
        # A headline or a name may hold a line break, which would stop the message.
        subject=header_text(
            f"{reply.author_name} replied to your comment on {reply.article.headline}"
        ),
        message=render_to_string("comments/email/reply_notification.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
    )
    return True
