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

from django.middleware.csrf import get_token
from django.utils.html import escape

MARKER_START = b"<!--personal:"
MARKER = re.compile(rb"<!--personal:([a-z0-9-]+):([^>]{0,100}?)-->")

_renderers = {}


def reader_token(request):
    """The reader's CSRF token, masked once per request for all their forms."""
    if not hasattr(request, "_reader_csrf_token"):
        request._reader_csrf_token = get_token(request)
    return request._reader_csrf_token


def register(name, renderer):
    """renderer(request, args) -> {arg: html} for every arg (a string) it was given."""
    _renderers[name] = renderer


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
