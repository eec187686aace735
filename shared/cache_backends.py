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

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("newsroom.cache")


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
    same time to read). A page-cache miss writes two such entries. Entries read the same
    whatever level wrote them."""

    COMPRESS_LEVEL = 1

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), self.COMPRESS_LEVEL))


class FileCache(FastCompressing, FileBasedCache):
    """Django's file cache lists the whole cache directory on every set() to decide whether
    to cull; with thousands of entries that is several milliseconds a write. Checking on
    one write in CULL_EVERY lets the directory overshoot MAX_ENTRIES by about that many."""

    CULL_EVERY = 50

    def _cull(self):
        if random.randrange(self.CULL_EVERY):
            return
        # The names only, by a suffix test: Django's listing (glob's pattern matching and a
        # path joined per name) cost four times as much, 57 against 13 ms of CPU for 16,000
        # entries; under a flood of misses that was about 2 ms a page.
        names = [name for name in os.listdir(self._dir) if name.endswith(self.cache_suffix)]
        if len(names) < self._max_entries:
            return
        if self._cull_frequency == 0:
            return self.clear()
        for name in random.sample(names, len(names) // self._cull_frequency):
            self._delete(os.path.join(self._dir, name))


class UnculledFileCache(FastCompressing, FileBasedCache):
    """For entries that must outlive everything kept in the other caches: never culled."""

    def _cull(self):
        pass
