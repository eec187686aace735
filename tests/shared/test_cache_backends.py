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


def test_the_file_cache_still_keeps_to_its_size_while_culling_less_often(tmp_path):
    from shared.cache_backends import FileCache

    def entries():
        return len(list(tmp_path.glob("*.lz4cache")))

    limit = 80
    settings = {"OPTIONS": {"MAX_ENTRIES": limit, "CULL_FREQUENCY": 2}}
    writers = [FileCache(str(tmp_path), settings) for _ in range(FileCache.WRITERS)]
    most = 0
    for number in range(2000):  # eight processes' writes, interleaved
        writers[number % len(writers)].set(f"page-{number}", "x" * 100)
        most = max(most, entries())
    assert most <= limit + len(writers), "never past the limit by more than a write each"
    assert writers[-1].get("page-1999") == "x" * 100
    assert entries() >= limit // 2 - len(writers), "culled by half, not emptied"


def test_the_file_cache_keeps_lz4_entries_apart_from_zlib_ones_and_clears_those_out(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    from shared.cache_backends import FileCache

    page = {"body": b"<p>Ferry timetable changes</p>" * 500, "status": 200}
    ours = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    djangos = FileBasedCache(str(tmp_path), {})  # or this code before LZ4: a rollback
    ours.set("page", page)
    djangos.set("page", {"body": b"old", "status": 200})
    assert ours.get("page") == page, "each reads its own files only"
    assert djangos.get("page") == {"body": b"old", "status": 200}
    assert ours.touch("page", 60) and ours.get("page") == page

    ours._unchecked = 0  # the next write lists the directory
    ours.set("another", page)
    assert sorted(path.suffix for path in tmp_path.iterdir()) == [".lz4cache", ".lz4cache"]
    assert djangos.get("page") is None
