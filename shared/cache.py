"""What each cached page and fragment was built from, and what a write made stale.

A page or fragment names the keys it shows while it is built (`depends_on`); every key, and
every entry name, is spelled in shared/keys.py (an article, a comment thread, a listing, a
static page, a picture, a live stream, "home", "schedule", and a reader's own key for what
is kept for one reader alone, never a shared page's). Every entry also depends on "site"
and "nav" (the category bar, and the category names every card shows). A write names the
keys it changed (`content_changed`), and each key keeps, in the shared cache, the time it
last changed. An entry is fresh while none of its keys changed after the entry
began to be built (less CLOCK_SKEW, for servers whose clocks differ a little), so a write
makes stale exactly the entries that showed what it changed, on every worker and server.

Why times as well as versions: an entry's rows are read before it knows all its keys, so a
version read afterwards could already include a write whose rows it missed. A write inside
a transaction marks its keys now and again at commit; a render that began before the commit
began before the second mark, so it is never taken for fresh. Each mark also carries a new
random token, which the entry records when it is stored: any later mark makes it stale
whatever the clocks say (a clock stepped back, a server whose clock runs behind).

This module is a leaf: it imports no app (shared/personal.py, which it uses for the
markers in kept HTML, and shared/keys.py import none either). The apps use it; newsroom's
wiring hands it the one thing it needs from them, when the clock alone next changes what
is kept (`schedule_source`): per key, so a scheduled layout caps only what shows its
front, while the next scheduled publish caps everything. Its storage prefixes below are
its own, not keys.
"""

import contextvars
import os
import pickle
import secrets
import threading
import time
from collections import OrderedDict
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache, caches
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver

from . import keys as names
from . import personal
from .keys import READER, reader_key

PREFIX = "newsroom:changed:"
# Moves with every change: a process may trust what it checked since it last moved.
ANY_CHANGE = "*"
# Missing keys have not changed since the change times were first kept (or last cleared).
BORN = "born"
ALWAYS = frozenset({names.SITE, names.NAV})
# Keys starting with READER are one reader's own state (their account, their ban and flags):
# no shared page shows it, so their marks neither move ANY_CHANGE nor purge the edge.
_MISSING = object()
# Part of every fragment's key: change it when what is kept changes shape (2: markers carry
# their page's token; 3: a kept article holds its tags as `tag_list`), so a deploy never
# reads entries written by the previous code.
FRAGMENT_FORMAT = 3

_collecting = contextvars.ContextVar("newsroom_cache_keys", default=None)
# Set by newsroom's wiring: a callable giving {key: Unix time}, when the clock alone next
# changes what depends on that key; under ANY_CHANGE, what changes every page (the next
# scheduled publish). Times may be None.
schedule_source = None


# The change cache's backend, looked up once per thread (as Django keeps one per thread):
# every hit asks for it a few times, a reader's page ten, and each lookup through settings
# and `caches` cost 5 µs. Forgotten when the CACHES setting changes (tests).
_change_backend = threading.local()
_cache_settings = {"generation": 0}


@receiver(setting_changed, dispatch_uid="shared-cache-settings")
def _caches_changed(setting, **kwargs):
    if setting == "CACHES":
        _cache_settings["generation"] += 1


def change_cache():
    """The cache that keeps the change times: "changes" when configured (one that never
    culls, so a key's time is never forgotten while entries built before it survive)."""
    kept = getattr(_change_backend, "kept", None)
    if kept is None or kept[0] != _cache_settings["generation"]:
        backend = caches["changes"] if "changes" in settings.CACHES else caches["default"]
        kept = _change_backend.kept = (_cache_settings["generation"], backend)
    return kept[1]


def clock_skew():
    return getattr(settings, "CACHE_CLOCK_SKEW", 0.5)


def max_timeout():
    return getattr(settings, "PAGE_CACHE_TIMEOUT", 300)


def start():
    """Called when a server process starts: if the change times are new (or were cleared),
    they begin now, so pages built from here on can be kept at once."""
    change_cache().add(PREFIX + BORN, time.time(), timeout=None)


# Reading: what a page or fragment depends on.
def depends_on(request, *keys):
    """Record that what is being built (the page for `request`, and any fragment being built
    inside it) shows what these keys name. `request` may be None inside a fragment."""
    keys = [str(key) for key in keys]
    found = _collecting.get()
    if found is not None:
        found.update(keys)
    if request is not None:
        recorded = getattr(request, "cache_keys", None)
        if recorded is None:
            recorded = request.cache_keys = set()
        recorded.update(keys)
    return request


@contextmanager
def collecting(keys=None, always=True):
    """Gather the keys named while the block runs; they also count for any outer block."""
    found = set() if keys is None else keys
    if always:
        found.update(ALWAYS)
    outer = _collecting.get()
    token = _collecting.set(found)
    try:
        yield found
    finally:
        _collecting.reset(token)
        if outer is not None:
            outer.update(found)


class ChangeTimes:
    """When each key last changed, read from the change cache.

    For the file cache a key's file is replaced on every change, so an unchanged inode and
    mtime mean an unchanged time: a process reads a key's file again only after it changed,
    at the cost of one stat(). Other backends are asked with one get_many.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.seen = {}
        self.paths = {}
        self.place = None

    def backend_directory(self, backend):
        place = (getattr(backend, "_dir", None), backend.key_prefix, backend.version, id(backend))
        if place != self.place:
            with self.lock:
                self.place, self.seen, self.paths = place, {}, {}
        return place[0]

    def __call__(self, keys):
        backend = change_cache()
        keys = list(keys)
        if self.backend_directory(backend) is None:
            found = backend.get_many([PREFIX + key for key in keys + [BORN]])
            return self.with_born(found.get(PREFIX + BORN), found, keys)
        return {key: self.from_file(backend, key) for key in keys}

    def with_born(self, born, found, keys):
        if born is None:
            born = self.reset_born()
        return {key: found.get(PREFIX + key, (born, "")) for key in keys}

    def reset_born(self):
        backend = change_cache()
        backend.add(PREFIX + BORN, time.time(), timeout=None)
        return backend.get(PREFIX + BORN) or time.time()

    def from_file(self, backend, key):
        # A key's file name is a digest of it: worked out once (every hit reads one key's).
        path = self.paths.get(key)
        if path is None:
            path = self.paths[key] = backend._key_to_file(PREFIX + key)
        try:
            stat = os.stat(path)
        except OSError:
            return (self.born_from_file(backend), "") if key != BORN else None
        signature = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        memo = self.seen.get(key)
        if memo is not None and memo[0] == signature:
            return memo[1]
        value = backend.get(PREFIX + key)
        if value is None:
            return (self.born_from_file(backend), "") if key != BORN else None
        self.seen[key] = (signature, value)
        return value

    def born_from_file(self, backend):
        born = self.from_file(backend, BORN)
        return born if born is not None else self.reset_born()


changed_times = ChangeTimes()


def last_change():
    """A value that moves with every change anywhere (cheap to read on every request)."""
    return changed_times([ANY_CHANGE])[ANY_CHANGE][1]


def last_change_for(request):
    """last_change(), read once for `request`'s checks before any view runs (memberships'
    group networks, then the page cache's freshness of a kept page): a hit read it twice,
    a stat() each. As if the request had come a few µs sooner; a write's own request and
    every build read it afresh (`build_started`), so nothing built is judged by it."""
    try:
        return request._last_change
    except AttributeError:
        request._last_change = last = last_change()
        return last


def content_version():
    """When public content last changed, anywhere: for callers that want one value for all
    of it (a feed's validator, a command's report)."""
    return changed_times([ANY_CHANGE])[ANY_CHANGE][0]


def build_started():
    """What a build notes before it reads anything: the time, and the last change anywhere
    (pass both to `snapshot`)."""
    return time.time(), last_change()


def is_fresh(keys, built_at, since=None):
    """True while none of `keys` changed after `built_at` (less the allowed clock skew).

    A change at the very instant a build began came after it: the first mark of a write
    inside a transaction comes before its commit, and the second after."""
    return snapshot(keys, built_at, since) is not None


def snapshot(keys, built_at, since=None):
    """{key: token} for an entry built from `keys` since `built_at`, to store with it; None
    when one of them changed after the build began (the entry must not be kept).

    `since`, the last change anywhere when the build began (`build_started`): when nothing
    was marked anywhere since, every mark now in place was there before the build read a
    row, whatever its time says, so neither the clock skew nor a writer whose clock runs
    ahead keeps the entry out (a page built right after a write is kept at once). One
    reader's own keys do not move that mark: for them, and for a key never marked, the
    times decide."""
    keys = [key for key in keys if key != ANY_CHANGE] + ([ANY_CHANGE] if ANY_CHANGE in keys else [])
    if not keys:
        return {}
    # ANY_CHANGE is read last: a mark writes it first and last (`mark_changed`).
    found = changed_times(keys if keys[-1] == ANY_CHANGE else keys + [ANY_CHANGE])
    quiet = since is not None and found[ANY_CHANGE][1] == since
    limit = built_at - clock_skew()
    for key in keys:
        changed, token = found[key]
        if changed > limit and not (quiet and token and not key.startswith(READER)):
            return None
    return {key: found[key][1] for key in keys}


class MarksSince:
    """The marks this process read since the last change anywhere it saw (`since`, from
    `last_change`), shared by every entry it checks until that moves again.

    After a change every kept page is checked once more on its next hit; their keys are
    mostly the same few (site, nav, home, the stories on the home page and in the
    categories), so each key is read once per change instead of once per page. Sound
    because a public mark moves the last change first and last (`mark_changed`): while it
    has not moved, no mark finished since, and what is noted here was read after it was
    seen. One reader's own keys do not move it: they are always read.
    """

    def __init__(self):
        self.current = (None, {})  # replaced whole: a thread never mixes two changes' marks

    def __call__(self, keys, since):
        if not since:  # nothing marked since the change times began (or were cleared)
            return changed_times(keys)
        seen_since, marks = self.current
        if seen_since != since:
            marks = {}
            self.current = (since, marks)
        missing = [key for key in keys if key not in marks]
        if missing:
            found = changed_times(missing)
            marks.update((key, mark) for key, mark in found.items() if not key.startswith(READER))
            return {**marks, **found}
        return marks


marks_since = MarksSince()


def still_fresh(seen, built_at, since=None):
    """True while no key of a stored entry (`seen`, from snapshot) has changed since: its
    marks are the ones recorded (a token is new with every mark). A key never marked has
    no token; its time (when the change times began) decides, so clearing them makes
    every entry stale. `since`: the last change anywhere, read before this check (the
    marks read since it are shared by the entries checked after it, `MarksSince`)."""
    if not seen:
        now = {}
    elif since is None:
        now = changed_times(seen)
    else:
        now = marks_since(seen, since)
    limit = built_at - clock_skew()
    return all(
        now[key][1] == token and (token or now[key][0] <= limit) for key, token in seen.items()
    )


# Writing: what a write made stale.
def mark_changed(keys, purge_edge=True):
    mark = (time.time(), secrets.token_hex(6))
    public = sorted(key for key in keys if not key.startswith(READER))
    marks = {PREFIX + key: mark for key in keys}
    if public:
        # ANY_CHANGE moves first, so a build that began after it read rows no older than
        # this write (`snapshot`), and last, with a token of its own, so a process that saw
        # it move checked the keys once they were all marked (the memos' "checked").
        change_cache().set(PREFIX + ANY_CHANGE, mark, timeout=None)
        marks[PREFIX + ANY_CHANGE] = (mark[0], secrets.token_hex(6))
    change_cache().set_many(marks, timeout=None)
    if purge_edge and public:
        from . import edge  # the purge backend, a leaf module like this one

        edge.purge(public)


def content_changed(*keys):
    """Call after a write that changes what the public sees, naming what it changed (see the
    module's docstring); with no keys every cached page is stale.

    The keys are marked now and, inside a transaction, once more at commit (one mark per
    key however many writes of the transaction name it), because another worker may
    render from the old rows until then.
    """
    keys = {str(key) for key in keys} or {names.SITE}
    connection = transaction.get_connection()
    # The edge is purged at commit only: an HTTP call must not hold the write's locks, and
    # what the edge fetched before the commit is dropped by that purge.
    mark_changed(keys, purge_edge=not connection.in_atomic_block)
    if connection.in_atomic_block:
        _pending_keys(connection).update(keys)


def _pending_keys(connection):
    # One set per transaction: a rolled-back one drops its on_commit callback with it.
    if not any(callback[1] is _mark_pending for callback in connection.run_on_commit):
        connection.newsroom_pending_keys = set()
        transaction.on_commit(_mark_pending)
    return connection.newsroom_pending_keys


def _mark_pending():
    connection = transaction.get_connection()
    keys, connection.newsroom_pending_keys = connection.newsroom_pending_keys, set()
    if keys:
        mark_changed(keys)


# How long something built now may be kept.
def next_changes():
    """{key: Unix time}: when the clock alone next changes what depends on each key
    (ANY_CHANGE: every page); asked again after a scheduling change (the "schedule" key) or
    once one of those times has passed. Kept like any fragment, so a hit reads no row."""
    if schedule_source is None:
        return {}
    # How long a page may be kept is not what it shows: a page does not depend on "schedule".
    token = _collecting.set(None)
    try:
        return cached_value(
            names.NEXT_CHANGES,
            lambda: {key: when for key, when in schedule_source().items() if when},
            (names.SCHEDULE,),
            max_timeout(),
            _has_passed,
            False,
            always=False,
        )
    finally:
        _collecting.reset(token)


def next_publish_at():
    """When the clock next changes every page (the next scheduled publish), or None."""
    return next_changes().get(ANY_CHANGE)


def _has_passed(changes):
    now = time.time()
    return any(when <= now for when in changes.values())


def fresh_for(limit=None, keys=None):
    """Seconds something built now from `keys` may be kept: the cap, never past the next
    change of the clock to all pages, nor to what depends on one of `keys` (None: to
    anything, for a caller that does not know what it shows)."""
    seconds = max_timeout() if limit is None else limit
    now = time.time()
    for key, when in next_changes().items():
        if key == ANY_CHANGE or keys is None or key in keys:
            seconds = min(seconds, when - now)
    return max(0, int(seconds))


class RecentFragments:
    """The shared entries this process read or built lately, so that a fragment whose keys
    have not changed is answered without reading its file and unpickling it (on the file
    cache, most of what a page-cache miss with warm fragments spent in the cache).

    An entry is checked exactly as one read from the shared cache is: fresh while none of
    its keys changed since it was built, and, while nothing changed anywhere since this
    process last checked it, without reading its keys' times at all. It is kept no longer
    than the shared entry lives. Values other than strings are kept pickled and handed out
    as new objects, so no request changes what the next one is given. Bounded in entries.

    What is kept for one reader (`cached_for_reader`: their account menu, their ban and
    flags) is kept apart, bounded on its own so thousands of readers never push the shared
    fragments out, and checked against its keys' times on every use: a reader's marks do not
    move ANY_CHANGE, so the shortcut above does not hold for it. One stat() a key instead of
    reading and unpickling the entry's file (a sixth of a logged-in reader's page).
    """

    LIMIT = 1000
    READER_LIMIT = 2000

    def __init__(self):
        self.entries, self.readers, self.lock = OrderedDict(), OrderedDict(), threading.Lock()
        # `derived_from_kept`: {name: (last change anywhere, value)}.
        self.derived = {}

    def get(self, key):
        with self.lock:
            for kept in (self.entries, self.readers):
                entry = kept.get(key)
                if entry is not None:
                    kept.move_to_end(key)
                    return entry
            return None

    def put(self, key, entry, lifetime, timeout=None):
        own = any(seen.startswith(READER) for seen in entry["keys"])
        # Never past what is left of the shared entry's life: the cap from its build.
        until = min(time.time() + lifetime, entry["built_at"] + (timeout or max_timeout()))
        entry = {**entry, "until": until, "own": own}
        if not isinstance(entry["value"], str):
            entry["pickled"] = pickle.dumps(entry.pop("value"), pickle.HIGHEST_PROTOCOL)
        kept, limit = (self.readers, self.READER_LIMIT) if own else (self.entries, self.LIMIT)
        with self.lock:
            kept[key] = entry
            kept.move_to_end(key)
            while len(kept) > limit:
                kept.popitem(last=False)

    def fresh(self, key):
        """The value kept under `key` and its keys' tokens, or None when it may be stale."""
        entry = self.get(key)
        if entry is None or entry["until"] <= time.time():
            return None
        if entry["own"]:
            if not still_fresh(entry["keys"], entry["built_at"]):
                return None
        else:
            last = last_change()
            if entry.get("checked") != last:
                if not still_fresh(entry["keys"], entry["built_at"], last):
                    return None
                entry["checked"] = last
        value = pickle.loads(entry["pickled"]) if "pickled" in entry else entry["value"]
        return value, entry["keys"], entry.get("markers")

    def clear(self):
        with self.lock:
            self.entries.clear()
            self.readers.clear()
            self.derived.clear()


recent_fragments = RecentFragments()


def cached_value(name, builder, keys=(), timeout=None, expires=None, capped=True, always=True):
    """builder()'s value, kept in the shared cache while the keys it was built from (those
    given and those named while it was built) are unchanged, and no longer than `timeout`
    and (when `capped`) the next scheduled publish. Its keys also count for whatever is
    being built around it; `expires(value)` may declare a kept value out of date. With
    `always` off it does not depend on "site" and "nav" unless it names them (rows, not
    HTML: a new template or site identity does not change them)."""
    entry_key = f"newsroom:fragment{FRAGMENT_FORMAT}:{name}"
    outer = _collecting.get()
    kept = recent_fragments.fresh(entry_key)
    if kept is not None and not (expires and expires(kept[0])):
        if outer is not None:
            outer.update(kept[1])
        return personal.restamp(kept[0], kept[2])
    entry = cache.get(entry_key, _MISSING)
    if (
        entry is not _MISSING
        and still_fresh(entry["keys"], entry["built_at"])
        and not (expires and expires(entry["value"]))
    ):
        if outer is not None:
            outer.update(entry["keys"])
        lifetime = _lifetime(timeout, capped, entry["keys"])
        recent_fragments.put(entry_key, entry, lifetime, timeout)
        return personal.restamp(entry["value"], entry.get("markers"))
    built_at, since = build_started()
    with collecting(set(keys), always) as found:
        value = builder()
    seconds = _lifetime(timeout, capped, found)
    seen = snapshot(found, built_at, since) if seconds else None
    if seen is not None:
        # Markers in kept HTML carry the token of the page it was built in: kept with it, so
        # the next page puts its own in (shared/personal.py).
        entry = {"value": value, "keys": seen, "built_at": built_at}
        markers = personal.stamp(value)
        if markers:
            entry["markers"] = markers
        cache.set(entry_key, entry, seconds)
        recent_fragments.put(entry_key, entry, seconds, timeout)
    return value


def _lifetime(timeout, capped, keys):
    return fresh_for(timeout, keys) if capped else (timeout or max_timeout())


def kept_value(name):
    """The value kept under `name` (by `cached_value`) if it is there and fresh, else None;
    never builds it. For a check on every request that must not cost a query when nothing
    is kept yet (memberships' group networks, before the page cache)."""
    entry_key = f"newsroom:fragment{FRAGMENT_FORMAT}:{name}"
    kept = recent_fragments.fresh(entry_key)
    if kept is not None:
        return kept[0]
    entry = cache.get(entry_key)
    if entry is not None and still_fresh(entry["keys"], entry["built_at"]):
        recent_fragments.put(entry_key, entry, _lifetime(None, True, entry["keys"]))
        return entry["value"]
    return None


def derived_from_kept(name, derive, last=None):
    """derive(the value kept under `name`, or None), worked out again only after something
    changed anywhere: for a check on every request before the page cache (memberships'
    group networks), which then costs one stat() instead of unpickling what is kept. While
    nothing is kept yet it is asked again each time, so a value a miss builds counts at once.
    `last`: the last change anywhere when the caller has read it (`last_change_for`)."""
    last = last_change() if last is None else last
    seen = recent_fragments.derived.get(name)
    if seen is not None and seen[0] == last:
        return seen[1]
    kept = kept_value(name)
    value = derive(kept)
    if kept is not None:
        recent_fragments.derived[name] = (last, value)
    return value


def cached_data(name, builder, keys):
    """Rows every page reads (the category bar's categories, the footer's pages), kept while
    the keys given, and those named while they were read, are unchanged."""
    return cached_value(name, builder, keys, always=False)


def cached_data_once(name, builder, keys):
    """cached_data's value, handed out as the same object while nothing changed anywhere
    since this process last read it: for rows a request reads several times and that
    change only by a write (memberships' rules and tiers, asked up to four times on a
    member's page), where a new unpickled copy for each call cost more than the rest. One
    stat() a call. The value is shared: callers must never change it."""
    last = last_change()
    seen = recent_fragments.derived.get(("data", name))
    if seen is not None and seen[0] == last:
        depends_on(None, *seen[2])
        return seen[1]
    with collecting(always=False) as found:
        value = cached_data(name, builder, keys)
    recent_fragments.derived[("data", name)] = (last, value, frozenset(found))
    return value


def cached_apart(name, builder, keys, expires=None):
    """Rows read to decide what to build, not shown themselves (is there a front, a
    banner): kept while `keys` are unchanged (or until `expires(value)`), and not counted
    among the keys of what is built around them; the caller names what it shows."""
    token = _collecting.set(None)
    try:
        return cached_value(name, builder, keys, expires=expires, capped=False, always=False)
    finally:
        _collecting.reset(token)


def cached_for_reader(user_id, name, builder, also=(), timeout=None):
    """builder()'s value for one reader, kept until their key (`reader_key`) or one of
    `also` (reader keys too) is marked, and no longer than `timeout`. Never counted among
    the keys of a shared page being built around it."""
    token = _collecting.set(None)
    try:
        return cached_value(
            names.reader_entry(user_id, name),
            builder,
            (reader_key(user_id), *also),
            timeout,
            capped=False,
            always=False,
        )
    finally:
        _collecting.reset(token)


def cached_fragment(name, builder, keys=(), timeout=None):
    """For what pages repeat (the category bar, related stories, a list of cards): built once
    while its keys are unchanged and shared by every worker. The value must pickle."""
    return cached_value(name, builder, keys, timeout)
