"""The reader's own parts of every page's frame: the account menu and flash messages.

Rendered per request into the markers of the shared page shell (shared/personal.py),
from small templates with only what they need, without the site's context processors.
"""

from django.template.loader import get_template

from shared import personal
from shared.cache import cached_for_reader
from shared.keys import READER_ACCOUNT_MENU


def account_menu(request, args):
    user = request.user
    template = get_template("includes/account_menu.html")
    if user.is_authenticated:
        # The same for every page the reader opens: kept until their account changes.
        context = {"user": user, "csrf_token": personal.TOKEN_SLOT}
        html = cached_for_reader(user.pk, READER_ACCOUNT_MENU, lambda: template.render(context))
        html = personal.with_token(html, request)
    else:
        html = template.render({"user": user, "request": request})
    return dict.fromkeys(args, html)


def register():
    personal.register("account", account_menu)
    personal.register("messages", personal.messages_part("includes/messages.html"))
