"""Two gunicorn workers sharing the file caches: a page misses only after a write of what it
shows, and is rebuilt once for all of them (docs/performance.md, "Why a page can miss
without a write").

Each worker is a server of its own (one worker each, the same folder, database and caches),
so which worker answers is chosen by the test, not by the kernel: nothing here depends on
timing.
"""

import pytest

from tests.newsroom.servers import collect_static, gunicorn, seed, site_env
from tests.newsroom.test_multi_server import approve_a_comment_in_another_process

pytestmark = [
    pytest.mark.multiserver,
]


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return collect_static(tmp_path_factory.mktemp("static"))


def cache_state(worker, path):
    status, headers, _ = worker.get(path)
    assert status == 200, f"{path} answered {status}"
    return headers["X-Cache"]


def test_a_page_one_worker_rebuilt_after_a_write_is_a_hit_on_the_other(tmp_path, static_root):
    env = site_env(tmp_path, static_root)
    with gunicorn(env) as first, gunicorn(env) as second:
        site = seed(env)
        first.wait_until_ready()
        second.wait_until_ready()
        pages = ["/", site["article"], site["other"]]
        for path in pages:
            assert cache_state(first, path) == "miss"
            assert cache_state(second, path) == "hit", "the workers share one cache"

        approve_a_comment_in_another_process(env, site["article_id"])

        assert cache_state(first, site["article"]) == "miss", "the commented article is rebuilt"
        # The second worker still remembers the copy from before the comment: it must find
        # the one the first worker has just stored rather than build the page again.
        assert cache_state(second, site["article"]) == "hit"
        for _ in range(6):
            for worker in (first, second):
                assert [cache_state(worker, path) for path in pages] == ["hit"] * 3
