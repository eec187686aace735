from django import template

from shared.submit_once import hidden_field

register = template.Library()


@register.simple_tag
def submit_once():
    """A form's one-time token: its view acts on it once (shared/submit_once.py)."""
    return hidden_field()
