from django import template
from django.utils.safestring import mark_safe

from newsletters.follows import label
from newsroom import personal

register = template.Library()


@register.simple_tag
def follow_button(kind, obj):
    """Where the follow button for `obj` goes: the marker carries what it is and its name,
    so filling it in for a reader needs no query for the name."""
    return mark_safe(personal.marker("newsletter-follow", f"{kind}:{obj.pk}|{label(obj)[:60]}"))
