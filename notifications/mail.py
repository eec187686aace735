"""The notifications e-mail: plain text and HTML, each line linking into the admin."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from articles.models import SiteIdentity
from shared.mail_headers import header_text
from shared.site_address import absolute_url


def send_list(recipient, notifications):
    """Mail `recipient` the `notifications` (oldest first). Someone with no address, or
    no longer active staff, gets nothing: the rows count as handled all the same."""
    if not (recipient.email and recipient.is_active and recipient.is_staff):
        return False
    from django.urls import reverse

    site_name = SiteIdentity.current().name
    context = {
        "recipient": recipient,
        "site_name": site_name,
        "items": [{"notification": n, "url": absolute_url(n.target_url())} for n in notifications],
        "list_url": absolute_url(reverse("notifications:list")),
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }
    count = len(notifications)
    subject = notifications[0].text if count == 1 else f"{count} notifications"
    message = EmailMultiAlternatives(
        subject=header_text(f"[{site_name}] {subject}"),
        body=render_to_string("notifications/email/list.txt", context),
        to=[recipient.email],
    )
    message.attach_alternative(
        render_to_string("notifications/email/list.html", context), "text/html"
    )
    message.send()
    return True
