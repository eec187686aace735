from django.core.cache import close_caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished
from django.test import override_settings

CLOSED = []


class CacheThatCloses(LocMemCache):
    """A backend with a close() of its own, as memcached's clients have."""

    def close(self, **kwargs):
        CLOSED.append(self)


def closes_caches():
    return any(receiver() is close_caches for _, receiver, *_ in request_finished.receivers)


def test_no_cache_is_closed_after_a_request_when_every_cache_closes_nothing(client):
    # The file cache and Redis close nothing: walking them at every request's end was a
    # tenth of a page-cache hit.
    assert not closes_caches()
    assert client.get("/healthz").status_code == 200


@override_settings(
    CACHES={
        "default": {"BACKEND": f"{__name__}.CacheThatCloses"},
        "changes": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
)
def test_a_cache_that_needs_closing_is_closed_at_the_end_of_every_request(client):
    from django.core.cache import cache

    cache.get("warm")  # in use in this thread, as a request's reads would make it
    CLOSED.clear()
    client.get("/healthz")
    assert CLOSED


def test_caches_go_back_to_closing_nothing_when_the_settings_come_back():
    with override_settings(CACHES={"default": {"BACKEND": f"{__name__}.CacheThatCloses"}}):
        assert closes_caches()
    assert not closes_caches()
