from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(moment):
    """A moment as machines read it in `<time datetime>`, meta tags and JSON-LD: ISO 8601 to
    the second, in the site's time zone. `date:"c"` writes microseconds, which HTML rejects
    (at most three fraction digits), so every datetime attribute goes through here."""
    if not moment:
        return ""
    if not isinstance(moment, datetime):
        return moment.isoformat()
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.isoformat(timespec="seconds")
