"""A form sent twice (a double click, a POST the browser or a proxy retried) is acted on
once, and the second answer says what the first did.

A form carries a one-time token (`{% submit_once %}` from `shared_forms`, or
`hidden_field()`); its view hands the work to `run_once(request, scope, act)`. The first
POST of a token and of exactly that data claims it with `cache.add`, which is atomic in
Redis and so holds across app servers; it acts, then keeps what it answered (where it sent
the person and the messages it gave) for a day. A second POST of the same data repeats
that answer with one more line saying it was sent twice, and acts on nothing; one that
arrives while the first is still working is told so and sent back.

Nothing is lost on the way: the data are part of the claim, so a form changed and sent
again (back button, new text) is a new submission; a first that fails (an exception) frees
its claim for the retry; a first that answers with a page (a confirmation to read, a form
to correct) did nothing and frees it too; and when the cache cannot answer (Redis down,
an entry evicted) the POST is acted on, since a rare double is better than a lost note.
A form without a token is acted on as before, so forms adopt this one at a time.
"""

import hashlib
import secrets

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from . import keys

FIELD = "submit_once"
KEEP_SECONDS = 24 * 60 * 60  # a retry comes within seconds; a day covers a resumed laptop
RUNNING = "running"
NOT_POSTED = {FIELD, "csrfmiddlewaretoken"}
SENT_TWICE = "This form was sent twice; it was acted on once."
STILL_WORKING = (
    "This form was sent twice and the first is still being handled: it is acted on once. "
    "Reload in a moment to see the result."
)


def new_token():
    return secrets.token_urlsafe(16)


def hidden_field():
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())


def run_once(request, scope, act, *, back=None):
    """act() -> a response (or None, as admin actions answer). `back` is where to send a
    second POST that arrives before the first has answered (None: answer None)."""
    key = _claim_key(request, scope)
    if key is None:
        return act()
    if not cache.add(key, RUNNING, KEEP_SECONDS):
        first = cache.get(key)
        if first == RUNNING:
            messages.warning(request, STILL_WORKING)
            return _redirect(back)
        if first is not None:
            return _answer_again(request, first, back)
        # Claimed but unreadable: the cache failed or evicted it. Act rather than lose it.
    already = len(_queued(request))
    try:
        response = act()
    except BaseException:
        cache.delete(key)
        raise
    if response is not None and not isinstance(response, HttpResponseRedirect):
        cache.delete(key)  # a page to read or correct: nothing was done yet
        return response
    cache.set(
        key,
        {
            "location": response["Location"] if response is not None else None,
            "messages": [(m.level, str(m.message)) for m in _queued(request)[already:]],
        },
        KEEP_SECONDS,
    )
    return response


def _claim_key(request, scope):
    token = request.POST.get(FIELD, "")
    if not token or len(token) > 64:
        return None
    posted = sorted(
        (name, request.POST.getlist(name)) for name in request.POST if name not in NOT_POSTED
    )
    digest = hashlib.sha256(repr(posted).encode()).hexdigest()[:32]
    return keys.submit_once(scope, request.user.pk, token, digest)


def _queued(request):
    # The messages this request added so far, without reading them (reading would mark them
    # shown). The storage keeps them in this list until the response is sent.
    return getattr(messages.get_messages(request), "_queued_messages", [])


def _answer_again(request, first, back):
    for level, text in first["messages"]:
        messages.add_message(request, level, text)
    messages.info(request, SENT_TWICE)
    return _redirect(first["location"] or back)


def _redirect(location):
    return HttpResponseRedirect(location) if location else None
