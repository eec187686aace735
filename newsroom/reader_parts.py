"""The reader's own parts of every page's frame: the account menu and flash messages.

Rendered per request into the markers of the shared page shell (newsroom/personal.py),
from small templates with only what they need, without the site's context processors.
"""

from django.template.loader import get_template

from . import personal


def account_menu(request, args):
    user = request.user
    context = {"user": user, "request": request}
    if user.is_authenticated:
        context["csrf_token"] = personal.reader_token(request)
    html = get_template("includes/account_menu.html").render(context)
    return dict.fromkeys(args, html)


def register():
    personal.register("account", account_menu)
    personal.register("messages", personal.messages_part("includes/messages.html"))
