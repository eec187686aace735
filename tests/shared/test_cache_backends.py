import pytest
from django.core.cache import cache

from tests.factories import ArticleFactory

DEAD_REDIS = {
    "default": {
        "BACKEND": "shared.cache_backends.ResilientRedisCache",
        # Port 1 on loopback: nothing listens, so every call fails at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.1, "socket_timeout": 0.1},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS


def test_an_unreachable_redis_answers_as_an_empty_cache(redis_down):
    cache.set("key", "value")
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("key", 1) is False
    with pytest.raises(ValueError):
        cache.incr("counter")


@pytest.mark.django_db
def test_pages_render_uncached_while_redis_is_down(client, redis_down):
    article = ArticleFactory(published=True, headline="Ferry timetable changes")
    for url in ("/", article.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200
    assert "Ferry timetable changes" in response.content.decode()


def test_the_file_cache_still_keeps_to_its_size_while_culling_less_often(tmp_path, monkeypatch):
    from shared.cache_backends import FileCache

    monkeypatch.setattr(FileCache, "CULL_EVERY", 1)
    files = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})
    for number in range(40):
        files.set(f"page-{number}", "x" * 100)
    assert len(list(tmp_path.glob("*.djcache"))) <= 11
    assert files.get("page-39") == "x" * 100


def test_the_file_cache_reads_entries_written_at_any_compression_level(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    from shared.cache_backends import FileCache

    page = {"body": b"<p>Ferry timetable changes</p>" * 500, "status": 200}
    ours = FileCache(str(tmp_path), {})
    djangos = FileBasedCache(str(tmp_path), {})
    ours.set("written-fast", page)
    djangos.set("written-by-django", page)
    assert djangos.get("written-fast") == page
    assert ours.get("written-by-django") == page
