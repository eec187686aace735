"""Cache backends: a file cache that culls cheaply, and a Redis cache that degrades to "no
cache" while Redis is unreachable.

Django's RedisCache raises on a connection error, which would turn a cache outage into
an error page on every request. Here a failed call logs a warning and answers as a miss
(or does nothing), so pages render uncached until Redis returns; nothing is stored only
in the cache, so nothing is lost.
"""

import functools
import logging
import os
import pickle
import random
import zlib

import lz4.frame
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache
from django.core.files import locks

logger = logging.getLogger("newsroom.cache")
ZLIB_SUFFIX = FileBasedCache.cache_suffix  # ".djcache"


def _redis_errors():
    # Imported when Redis is used, not when this module is: the file cache's sites would
    # otherwise load the redis client (~5 MB a process) for nothing.
    from redis.exceptions import RedisError

    return RedisError


def _degrade(default_from):
    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except _redis_errors() as error:
                logger.warning("cache unavailable, serving uncached: %s", error)
                return default_from(*args, **kwargs)

        return wrapper

    return decorator


def _default_argument(key, default=None, *args, **kwargs):
    return default


class ResilientRedisCache(RedisCache):
    get = _degrade(_default_argument)(RedisCache.get)
    get_many = _degrade(lambda keys, *a, **k: {})(RedisCache.get_many)
    has_key = _degrade(lambda *a, **k: False)(RedisCache.has_key)
    add = _degrade(lambda *a, **k: False)(RedisCache.add)
    set = _degrade(lambda *a, **k: None)(RedisCache.set)
    set_many = _degrade(lambda *a, **k: [])(RedisCache.set_many)
    touch = _degrade(lambda *a, **k: False)(RedisCache.touch)
    delete = _degrade(lambda *a, **k: False)(RedisCache.delete)
    delete_many = _degrade(lambda *a, **k: None)(RedisCache.delete_many)
    clear = _degrade(lambda *a, **k: False)(RedisCache.clear)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except _redis_errors() as error:
            # Callers treat ValueError as "no such key" and fall back to add(), which degrades.
            logger.warning("cache unavailable, serving uncached: %s", error)
            raise ValueError(f"cache unavailable: {error}") from error


class FastCompressing:
    """Django's file cache compresses every entry at zlib's default level (6): for a 28 KB
    page entry 700 µs a write, against 350 µs at level 1 for about 13 % more bytes (and the
    same time to read). Entries read the same whatever level wrote them."""

    COMPRESS_LEVEL = 1

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), self.COMPRESS_LEVEL))


class Lz4Entries:
    """Entries compressed by LZ4 (python-lz4), not zlib: a miss writes two page entries
    (the page and its shell, ~40 KB pickled each), 212 against 22 µs a write at zlib's level
    1, read back in 28 against 72 µs, for about 30 % more bytes (docs/performance.md).

    Their files end in `.lz4cache`, not Django's `.djcache`: Django's backend, and this
    code before the change (a rollback), never open one (zlib would fail on it), and this
    never opens theirs; the culling deletes what they left (`FileCache._cull`). `get` and
    `touch` are Django's (5.2) but for the decompressing."""

    cache_suffix = ".lz4cache"

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(lz4.frame.compress(pickle.dumps(value, self.pickle_protocol)))

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.loads(lz4.frame.decompress(f.read()))
        except FileNotFoundError:
            pass
        return default

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            with open(self._key_to_file(key, version), "r+b") as f:
                try:
                    locks.lock(f, locks.LOCK_EX)
                    if self._is_expired(f):
                        return False
                    previous_value = pickle.loads(lz4.frame.decompress(f.read()))
                    f.seek(0)
                    self._write_content(f, timeout, previous_value)
                    return True
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            return False


class FileCache(Lz4Entries, FileBasedCache):
    """Django's file cache lists the whole cache directory on every set() to decide whether
    to cull; with thousands of entries that is several milliseconds a write. Here the
    directory is listed only when it could have reached MAX_ENTRIES since the last look:
    after a listing of n entries, not before (MAX_ENTRIES - n) / WRITERS more writes of this
    process, WRITERS being the most processes of one box writing at once (the web workers
    and the job worker). Near the limit, under a flood of misses, that is one listing in a
    few hundred writes (it was one in 50: ~5 % of a miss); far from it, almost none. More
    writers than that let the directory overshoot by the excess's share."""

    WRITERS = 8

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unchecked = 0  # writes of this process left before the next listing

    def _cull(self):
        if self._unchecked > 0:
            self._unchecked -= 1
            return
        # The names only, by a suffix test: Django's listing (glob's pattern matching and a
        # path joined per name) cost four times as much, 57 against 13 ms of CPU for 16,000
        # entries.
        listed = os.listdir(self._dir)
        names = [name for name in listed if name.endswith(self.cache_suffix)]
        for name in listed:
            if name.endswith(ZLIB_SUFFIX):  # written before the entries were LZ4's
                self._delete(os.path.join(self._dir, name))
        count = len(names)
        if count >= self._max_entries:
            if self._cull_frequency == 0:
                self.clear()
                count = 0
            else:
                doomed = random.sample(names, count // self._cull_frequency)
                for name in doomed:
                    self._delete(os.path.join(self._dir, name))
                count -= len(doomed)
        self._unchecked = (self._max_entries - count) // self.WRITERS


class UnculledFileCache(FastCompressing, FileBasedCache):
    """For entries that must outlive everything kept in the other caches: never culled."""

    def _cull(self):
        pass
