"""Flood control in the shared cache, per account and per IP address.

Each key holds the times of recent comments (a sliding window), so "one per 15 seconds"
holds across any 15 seconds, not only within fixed slots. The read-then-write is not
atomic; a burst racing it can slip one extra comment through, which the duplicate check
and moderation still catch.
"""

import time

from django.core.cache import cache

from shared.keys import comment_rate_ip, comment_rate_user

from . import conf


def _keys(*, user_id, ip_address):
    yield comment_rate_user(user_id)
    if ip_address:
        yield comment_rate_ip(ip_address)


def _longest():
    return max((seconds for _, seconds in conf.rate_limits()), default=0)


def is_limited(*, user_id, ip_address):
    now = time.time()
    for key in _keys(user_id=user_id, ip_address=ip_address):
        times = cache.get(key) or []
        for count, seconds in conf.rate_limits():
            if sum(1 for t in times if t > now - seconds) >= count:
                return True
    return False


def record(*, user_id, ip_address):
    now, longest = time.time(), _longest()
    if not longest:
        return
    for key in _keys(user_id=user_id, ip_address=ip_address):
        times = [t for t in cache.get(key) or [] if t > now - longest]
        cache.set(key, [*times, now], timeout=longest)
