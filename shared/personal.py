"""The parts of a page that belong to one reader, kept out of what is shared.

A template marks where such a part goes with `{% personal_part "name" arg %}`, which
writes `<!--personal:TOKEN:name:arg-->`. The shared page (the shell) keeps the markers; for
each request `fill()` asks the renderer registered under each name for that reader's HTML,
once per name with every argument on the page, so a page of forty comments costs one call
(and at most a query or two) for the reader's own controls. Anonymous readers get their
parts the same way, so the shell is the one thing every reader's page is made from.

Only markers a template wrote are filled, never text that merely looks like one (a Writer
can type `<!--personal:account:-->` into a headline, a tag or alt text, and the API, the
admin and the newsletter preview show it raw). Each render of a page draws a random TOKEN
(`rendering`), every marker written during it carries the token, and the page is filled only
where its own token stands; the token is kept with the stored shell (shared/page_cache.py),
and a fragment kept with markers in it is given the token of the page it is put into
(`stamp`, `restamp`, used by shared/cache.py). Why a token and not a list of the markers'
places kept at render time: a fragment is pasted whole into other pages, so places move,
while a token costs one bytes search per page. Data typed before the token existed cannot
hold it, and escaped data cannot even hold "<!--"; the token never reaches a reader (every
marker is replaced, or removed when its argument is bad).

The apps register their renderers (`register`) when they load; this module imports none.
"""

import contextvars
import os
import re
import secrets
import time
from contextlib import contextmanager

from django.contrib import messages
from django.middleware import csrf
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeData, mark_safe

MARKER_START = b"<!--personal:"
TOKEN_BYTES = 12
# What follows "<!--personal:TOKEN:" in a marker: the part's name and its argument. An
# argument is escaped when written, so it holds no "<" nor ">".
MARKER_REST = re.compile(rb"([a-z0-9-]+):([^<>]*?)-->")

_renderers = {}
# The token of the page being rendered in this context (None outside a page render).
_token = contextvars.ContextVar("newsroom_personal_token", default=None)


# Where a part rendered once and kept (for every reader, or for one across requests) has
# the reader's CSRF token put in per request (`with_token`).
TOKEN_SLOT = "__reader-csrf-token__"


def reader_token(request):
    """The reader's CSRF token, masked once per request for all their forms."""
    if not hasattr(request, "_reader_csrf_token"):
        request._reader_csrf_token = masked_token(request)
    return request._reader_csrf_token


# The alphabet of Django's CSRF secrets and masks, and where each character stands in it.
CSRF_CHARS = csrf.CSRF_ALLOWED_CHARS
CSRF_PLACES = {char: place for place, char in enumerate(CSRF_CHARS)}
# Random bytes below this are used (modulo the alphabet's size) and the rest drawn again,
# so every mask character is equally likely.
UNBIASED_BELOW = 256 - 256 % len(CSRF_CHARS)


def masked_token(request):
    """What django.middleware.csrf.get_token answers, masked the same way (a random mask
    of the secret's length, then each character of the secret shifted by the mask's), but
    with the mask drawn from one os.urandom() read: Django's draws each of its 32
    characters with a call of its own, 32 system calls a page, a twentieth of a logged-in
    reader's page. As random (the operating system's generator, no bias), so as good
    against BREACH; Django's middleware unmasks it as its own (the test of the comment
    form posts with it). A reader without a CSRF cookie yet gets Django's own."""
    secret = request.META.get("CSRF_COOKIE")
    if (
        secret is None
        or len(secret) != csrf.CSRF_SECRET_LENGTH
        or not CSRF_PLACES.keys() >= set(secret)
    ):
        return get_token(request)
    # As get_token does: the cookie is being used, so it is sent again (its expiry renewed).
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    size, places = len(CSRF_CHARS), []
    while len(places) < len(secret):
        places += [byte % size for byte in os.urandom(2 * len(secret)) if byte < UNBIASED_BELOW]
    places = places[: len(secret)]
    mask = "".join(CSRF_CHARS[place] for place in places)
    cipher = "".join(
        CSRF_CHARS[(CSRF_PLACES[char] + place) % size]
        for char, place in zip(secret, places, strict=True)
    )
    return mask + cipher


def holds_masked_token(request, body):
    """Whether `body` holds the token masked for this request (`reader_token`)."""
    token = getattr(request, "_reader_csrf_token", None)
    return bool(token) and token.encode() in body


def with_token(html, request):
    """`html` with the reader's masked token in its slot, still safe HTML if it was (the
    token is letters and digits): str.replace would hand back plain text, escaped where
    a part is put into a page with format_html."""
    filled = html.replace(TOKEN_SLOT, reader_token(request))
    return mark_safe(filled) if isinstance(html, SafeData) else filled


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


def keep_until(request, when):
    """Said by a part that changes by the clock (the banner at its expiry, a Unix time): the
    whole page it is filled into is kept no longer. The shell, which holds only the
    marker, keeps its own lifetime."""
    current = getattr(request, "keep_parts_until", None)
    request.keep_parts_until = when if current is None else min(current, when)


def kept_for(request, seconds):
    """`seconds`, or less when a part filled into this page changes sooner."""
    until = getattr(request, "keep_parts_until", None)
    return seconds if until is None else max(0, min(seconds, int(until - time.time())))


def register(name, renderer):
    """renderer(request, args) -> {arg: html} for every arg (a string) it was given."""
    _renderers[name] = renderer


def offer(name):
    """A part a page may mark that another app fills in, if one is installed: until one
    registers it, the marker renders as nothing (whatever the order the apps load in)."""
    _renderers.setdefault(name, lambda request, args: dict.fromkeys(args, ""))


@contextmanager
def rendering():
    """Render a page inside this block: its markers carry the token it yields."""
    token = secrets.token_hex(TOKEN_BYTES)
    reset = _token.set(token)
    try:
        yield token
    finally:
        _token.reset(reset)


def writes_markers():
    """Whether a page is being rendered here, so markers are written (a part kept for
    reuse must not be drawn without them and then put into a page)."""
    return _token.get() is not None


def marker(name, arg=""):
    if name not in _renderers:
        raise KeyError(f"No personal part is registered as {name!r}.")
    token = _token.get()
    if token is None:
        # Outside a page (an e-mail, a task): no reader to fill it for, so no marker.
        return ""
    # Escaped: no "<" nor ">" in it, so nothing in a name can end the marker early.
    return f"<!--personal:{token}:{name}:{escape(str(arg))}-->"


def stamp(value):
    """The token of the page being rendered if `value` (a fragment being kept) holds its
    markers, else None: kept with the fragment for `restamp`."""
    token = _token.get()
    if token is not None and isinstance(value, str) and f"<!--personal:{token}:" in value:
        return token
    return None


def restamp(value, kept_token):
    """A kept fragment's markers, given the token of the page it is put into now (removed
    when it is put into no page)."""
    token = _token.get()
    if kept_token is None or token == kept_token or not isinstance(value, str):
        return value
    old = f"<!--personal:{kept_token}:"
    if token is None:
        pattern = re.escape(old) + r"[a-z0-9-]+:[^<>]*?-->"
        html = re.sub(pattern, "", value)
    else:
        html = value.replace(old, f"<!--personal:{token}:")
    return mark_safe(html) if isinstance(value, SafeData) else html


def fill(body, request, token):
    """The page for this reader: each marker carrying `token` (the one its page was rendered
    with) replaced by the reader's own part. Anything else is left as it is."""
    if not token:
        return body
    prefix = MARKER_START + token.encode() + b":"
    # bytes.find skips to each of this page's markers (a page holds a handful): a regex
    # scan from the start would stop at every "<" of the page.
    found, start = [], body.find(prefix)
    while start != -1:
        match = MARKER_REST.match(body, start + len(prefix))
        if match:
            found.append((start, match))
        start = body.find(prefix, match.end() if match else start + 1)
    if not found:
        return body
    wanted = {}
    for _, match in found:
        wanted.setdefault(match[1].decode(), []).append(match[2].decode())
    parts = {}
    for name, args in wanted.items():
        renderer = _renderers.get(name)
        if renderer is None:
            continue  # a shell kept by code that had this part: it renders as nothing
        for arg, html in renderer(request, list(dict.fromkeys(args))).items():
            parts[(name, arg)] = str(html).encode()
    pieces, end = [], 0
    for start, match in found:
        pieces += [body[end:start], parts.get((match[1].decode(), match[2].decode()), b"")]
        end = match.end()
    pieces.append(body[end:])
    return b"".join(pieces)
