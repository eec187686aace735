"""The header's count of unread notifications, on every admin page for staff: one COUNT
over a partial index of the person's unread rows."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

from ..models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def notification_count(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not (user.is_active and user.is_staff):
        return ""
    unread = Notification.objects.unread_for(user).count()
    # Plain words, read the same by eye and by a screen reader: "Notifications, 3 unread".
    words = f"Notifications, {unread} unread" if unread else "Notifications"
    return format_html(
        '<a href="{}" class="nr-notification-count{}">{}</a> / ',
        reverse("notifications:list"),
        " nr-has-unread" if unread else "",
        words,
    )
