"""@mentions in a note: `@username` of an active staff user. A name that matches nobody (or a
reader) stays as typed, with no error: a note is a conversation, not a form to get right.
"""

import re

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Not after a word character or "@", so "mail@sofia" or "@@sofia" is not a mention. Django's
# usernames may hold "." "+" "-", but a sentence's full stop after a name is not part of it.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")
TRAILING = ".+-"
# A note naming more people than this is a list, not a set of mentions.
MAX_MENTIONS = 20


def names_in(body):
    """The usernames typed as @mentions, lower-cased, in order, each once."""
    names = []
    for match in MENTION.finditer(body):
        name = match.group(1).rstrip(TRAILING).lower()
        if name and name not in names:
            names.append(name)
    return names[:MAX_MENTIONS]


def find(body):
    """The active staff users @mentioned in `body`."""
    names = names_in(body)
    if not names:
        return []
    # Usernames are case-sensitive in Django, people's typing is not.
    matches = Q()
    for name in names:
        matches |= Q(username__iexact=name)
    return list(get_user_model().objects.filter(matches, is_staff=True, is_active=True))


def render(body, mentioned):
    """`body` as escaped HTML, line breaks kept, each @mention of someone in `mentioned`
    shown as their display name (escaped text too)."""
    people = {user.username.lower(): user for user in mentioned}
    parts, last = [], 0
    for match in MENTION.finditer(body):
        name = match.group(1).rstrip(TRAILING)
        user = people.get(name.lower())
        if user is None:
            continue
        parts.append(escape(body[last : match.start()]))
        parts.append(format_html('<strong class="nr-mention">@{}</strong>', user.public_name))
        last = match.start(1) + len(name)
    parts.append(escape(body[last:]))
    return mark_safe("".join(parts).replace("\n", "<br>\n"))  # every part escaped above
