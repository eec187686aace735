"""The parts of a page that belong to one reader, kept out of what is shared.

A template marks where such a part goes with `{% personal "name" arg %}`, which writes
`<!--personal:name:arg-->`. The shared page (the shell) keeps the markers; for each request
`fill()` asks the renderer registered under each name for that reader's HTML, once per name
with every argument on the page, so a page of forty comments costs one call (and at most a
query or two) for the reader's own controls. Anonymous readers get their parts the same
way, so the shell is the one thing every reader's page is made from.

The apps register their renderers (`register`) when they load; this module imports none.
"""

import re

from django.contrib import messages
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.html import escape

MARKER_START = b"<!--personal:"
MARKER = re.compile(rb"<!--personal:([a-z0-9-]+):([^>]{0,100}?)-->")

_renderers = {}


# Where a part rendered once and kept (for every reader, or for one across requests) has
# the reader's CSRF token put in per request (`with_token`).
TOKEN_SLOT = "__reader-csrf-token__"


def reader_token(request):
    """The reader's CSRF token, masked once per request for all their forms."""
    if not hasattr(request, "_reader_csrf_token"):
        request._reader_csrf_token = get_token(request)
    return request._reader_csrf_token


def with_token(html, request):
    return html.replace(TOKEN_SLOT, reader_token(request))


def messages_part(template_name):
    """A renderer of the reader's flash messages with `template_name`. Reading them touches
    the session: only when there can be some, or an anonymous page would stop being
    shareable."""

    def render(request, args):
        html = ""
        if request.user.is_authenticated or "messages" in request.COOKIES:
            found = list(messages.get_messages(request))
            if found:
                html = get_template(template_name).render({"messages": found})
        return dict.fromkeys(args, html)

    return render


def register(name, renderer):
    """renderer(request, args) -> {arg: html} for every arg (a string) it was given."""
    _renderers[name] = renderer


def offer(name):
    """A part a page may mark that another app fills in, if one is installed: until one
    registers it, the marker renders as nothing (whatever the order the apps load in)."""
    _renderers.setdefault(name, lambda request, args: dict.fromkeys(args, ""))


def marker(name, arg=""):
    if name not in _renderers:
        raise KeyError(f"No personal part is registered as {name!r}.")
    return f"<!--personal:{name}:{escape(str(arg))}-->"


def fill(body, request):
    """The page for this reader: each marker replaced by the reader's own part."""
    wanted = {}
    for match in MARKER.finditer(body):
        wanted.setdefault(match[1].decode(), []).append(match[2].decode())
    if not wanted:
        return body
    parts = {}
    for name, args in wanted.items():
        rendered = _renderers[name](request, list(dict.fromkeys(args)))
        for arg, html in rendered.items():
            parts[(name, arg)] = str(html).encode()
    return MARKER.sub(lambda m: parts.get((m[1].decode(), m[2].decode()), b""), body)
