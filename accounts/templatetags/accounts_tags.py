from django import template

from accounts.redirects import return_path

register = template.Library()


@register.simple_tag(takes_context=True)
def come_back_to(context):
    """The `next` for log-in and sign-up links: this page, or on a login page the one it carries."""
    request = context.get("request")
    return return_path(request) if request is not None else ""
