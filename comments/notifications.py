from django.core.mail import send_mail
from django.template.loader import render_to_string

from articles.models import SiteIdentity


def notify_reply(reply, parent, *, site_url=""):
    """Tell the parent comment's author about a reply, unless they opted out."""
    recipient = parent.author
    if (
        recipient is None
        or not recipient.email
        or not recipient.notify_on_reply
        or recipient.pk == reply.author_id
    ):
        return
    context = {
        "reply": reply,
        "parent": parent,
        "recipient": recipient,
        "site_name": SiteIdentity.current().name,
        "site_url": site_url.rstrip("/"),
    }
    send_mail(
        subject=f"{reply.author_name} replied to your comment on {reply.article.headline}",
        message=render_to_string("comments/email/reply_notification.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
        fail_silently=True,
    )
