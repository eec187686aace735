"""The shared cache layer: keys that say what a page shows, and writes that say what changed."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.utils import timezone

from articles.models import Article
from shared import cache as cache_keys
from shared.cache import cached_fragment, content_changed, is_fresh
from shared.page_cache import recent_pages
from tests import factories


@pytest.fixture
def file_caches(settings, tmp_path):
    """The one-box setup: pages and change times in directories every worker shares."""
    settings.CACHES = {
        "default": {
            "BACKEND": "shared.cache_backends.FileCache",
            "LOCATION": str(tmp_path / "cache"),
        },
        "changes": {
            "BACKEND": "shared.cache_backends.UnculledFileCache",
            "LOCATION": str(tmp_path / "changes"),
        },
    }
    recent_pages.clear()
    cache_keys.recent_fragments.clear()
    cache_keys.change_cache().set(cache_keys.PREFIX + cache_keys.BORN, 0, timeout=None)
    return tmp_path


def test_an_entry_is_fresh_until_a_key_it_shows_changes():
    built_at = time.time()
    assert is_fresh({"article:1", "site"}, built_at)

    content_changed("article:2")
    assert is_fresh({"article:1", "site"}, built_at)

    content_changed("article:1")
    assert not is_fresh({"article:1", "site"}, built_at)


def test_a_change_with_no_keys_makes_everything_stale():
    built_at = time.time()
    content_changed()
    assert not is_fresh({"article:1", "site"}, built_at)


def test_a_change_written_by_another_process_is_seen_through_the_file_cache(file_caches):
    from shared.cache_backends import UnculledFileCache

    built_at = time.time()
    assert is_fresh({"comments:7"}, built_at)

    another_process = UnculledFileCache(str(file_caches / "changes"), {})
    another_process.set(cache_keys.PREFIX + "comments:7", (time.time(), "another"), timeout=None)

    assert not is_fresh({"comments:7"}, built_at)
    assert is_fresh({"comments:8"}, built_at)


def test_a_write_inside_a_transaction_marks_its_keys_again_at_commit_and_purges_then(
    transactional_db,
):
    marks = []
    original = cache_keys.mark_changed

    def recording(keys, purge_edge=True):
        marks.append((sorted(keys), purge_edge))
        original(keys, purge_edge)

    cache_keys.mark_changed = recording
    try:
        with transaction.atomic():
            content_changed("article:3", "home")
            content_changed("article:3")
        assert marks == [
            (["article:3", "home"], False),
            (["article:3"], False),
            (["article:3", "home"], True),
        ]
    finally:
        cache_keys.mark_changed = original


def test_a_rolled_back_transaction_does_not_stop_the_next_from_marking_at_commit(
    transactional_db,
):
    with pytest.raises(RuntimeError), transaction.atomic():
        content_changed("article:4")
        raise RuntimeError
    built_at = time.time()
    with transaction.atomic():
        content_changed("article:5")
        begun_during_the_transaction = time.time()
    assert not is_fresh({"article:5"}, built_at)
    assert not is_fresh({"article:5"}, begun_during_the_transaction)


def test_a_flushed_cache_never_brings_old_pages_back(published_article):
    url = published_article.get_absolute_url()
    Client().get(url)
    Article.objects.filter(pk=published_article.pk).update(headline="Ferry timetable changes")

    cache.clear()  # a restarted Redis or a cleared cache directory, with no write named

    assert "Ferry timetable changes" in Client().get(url).content.decode()


def test_a_fragment_is_built_once_while_its_keys_are_unchanged(db):
    builds = []

    def build():
        builds.append(1)
        return ["Business", "Science"]

    assert cached_fragment("navigation", build, keys=["nav"]) == ["Business", "Science"]
    assert cached_fragment("navigation", build, keys=["nav"]) == ["Business", "Science"]
    assert len(builds) == 1

    content_changed("article:1")
    cached_fragment("navigation", build, keys=["nav"])
    assert len(builds) == 1

    content_changed("nav")
    cached_fragment("navigation", build, keys=["nav"])
    assert len(builds) == 2


def test_a_fragment_kept_in_this_process_goes_stale_when_another_process_marks_its_key(
    file_caches, db
):
    from shared.cache_backends import UnculledFileCache

    builds = []

    def build():
        builds.append(1)
        return f"comments, version {len(builds)}"

    assert cached_fragment("comments:7:1", build, keys=["comments:7"]) == "comments, version 1"
    # Read back from this process's memory, not the shared cache: still fresh, not rebuilt.
    cache.clear()
    assert cached_fragment("comments:7:1", build, keys=["comments:7"]) == "comments, version 1"

    another_process = UnculledFileCache(str(file_caches / "changes"), {})
    another_process.set(cache_keys.PREFIX + "comments:8", (time.time(), "other"), timeout=None)
    another_process.set(cache_keys.PREFIX + "*", (time.time(), "other"), timeout=None)
    assert cached_fragment("comments:7:1", build, keys=["comments:7"]) == "comments, version 1"

    time.sleep(0.01)
    another_process.set(cache_keys.PREFIX + "comments:7", (time.time(), "next"), timeout=None)
    another_process.set(cache_keys.PREFIX + "*", (time.time(), "next"), timeout=None)
    assert cached_fragment("comments:7:1", build, keys=["comments:7"]) == "comments, version 2"


def test_a_fragment_kept_in_this_process_hands_each_caller_its_own_copy(db):
    first = cached_fragment("navigation", lambda: [{"name": "Business"}], keys=["nav"])
    first[0]["name"] = "changed by one request"
    again = cached_fragment("navigation", lambda: [{"name": "rebuilt"}], keys=["nav"])
    assert again == [{"name": "Business"}]


def test_what_is_kept_for_one_reader_is_read_again_once_their_key_is_marked(db):
    builds = []

    def build():
        builds.append(1)
        return f"menu, version {len(builds)}"

    assert cache_keys.cached_for_reader(5, "menu", build) == "menu, version 1"
    assert cache_keys.cached_for_reader(5, "menu", build) == "menu, version 1"
    # A reader's mark does not move the change every shared entry is checked against.
    content_changed(cache_keys.reader_key(5))
    assert cache_keys.cached_for_reader(5, "menu", build) == "menu, version 2"


def test_a_fragment_depends_on_the_keys_named_while_it_was_built(db):
    builds = []

    def build():
        builds.append(1)
        cache_keys.depends_on(None, "article:9")
        return "card"

    cached_fragment("cards", build)
    content_changed("article:9")
    cached_fragment("cards", build)
    assert len(builds) == 2


def test_a_fragment_listing_articles_is_rebuilt_when_a_scheduled_one_goes_live(category):
    def headlines():
        return [article.headline for article in Article.objects.published()]

    with time_machine.travel(timezone.now(), tick=False) as clock:
        factories.ArticleFactory(
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() + timedelta(minutes=5),
            headline="Tide tables for the new year",
            category=category,
        )
        clock.shift(timedelta(seconds=1))
        assert cached_fragment("latest", headlines) == []

        clock.shift(timedelta(minutes=5, seconds=1))

        assert cached_fragment("latest", headlines) == ["Tide tables for the new year"]


def test_a_change_marked_with_a_clock_behind_the_builders_still_makes_an_entry_stale(db):
    builds = []

    def build():
        builds.append(1)
        return "comments"

    cached_fragment("comments:5:1", build, keys=["comments:5"])
    with time_machine.travel(timezone.now() - timedelta(minutes=10)):
        content_changed("comments:5")  # a server whose clock runs ten minutes behind
    cached_fragment("comments:5:1", build, keys=["comments:5"])
    assert len(builds) == 2


# A page built right after a write, by a worker whose clock differs from the writer's: kept
# at once when nothing was marked while it was built (docs/performance.md, "Why a page can
# miss without a write").
def test_a_page_built_within_the_clock_skew_of_a_write_is_kept_at_once(published_article, settings):
    settings.CACHE_CLOCK_SKEW = 0.25  # the setting with Redis, for servers' clocks
    url = published_article.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        published_article.headline = "Ferry plan approved"
        published_article.save()
        clock.shift(0.1)
        assert Client().get(url)["X-Cache"] == "miss"
        again = Client().get(url)
    assert again["X-Cache"] == "hit"
    assert "Ferry plan approved" in again.content.decode()


def test_a_page_is_kept_after_a_write_from_a_server_whose_clock_runs_ahead(published_article):
    url = published_article.get_absolute_url()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        clock.shift(timedelta(seconds=30))
        published_article.headline = "Ferry plan approved"
        published_article.save()  # marked thirty seconds in this server's future
        clock.shift(timedelta(seconds=-30))
        assert Client().get(url)["X-Cache"] == "miss"
        again = Client().get(url)
        assert again["X-Cache"] == "hit"
        assert "Ferry plan approved" in again.content.decode()

        published_article.headline = "Ferry plan delayed"
        published_article.save()  # a later write still wins, whatever the clocks say
        assert "Ferry plan delayed" in Client().get(url).content.decode()


def test_a_page_whose_content_changed_while_it_was_built_is_not_kept(db, settings):
    from tests.shared import page_cache_urls

    settings.ROOT_URLCONF = "tests.shared.page_cache_urls"
    url = "/test/changes-while-built/"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        page_cache_urls.clock = clock
        first = Client().get(url)
        second = Client().get(url)
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "miss")
    assert "no-cache" in first["Cache-Control"]
    assert first.content != second.content


def test_a_readers_kept_part_is_rebuilt_once_their_key_changes_on_the_file_caches(file_caches):
    builds = []

    def build():
        builds.append(1)
        return f"menu, version {len(builds)}"

    first = [cache_keys.cached_for_reader(8, "menu", build) for _ in range(3)]
    content_changed(cache_keys.reader_key(8))
    after = cache_keys.cached_for_reader(8, "menu", build)
    other = cache_keys.cached_for_reader(9, "menu", build)

    assert first == ["menu, version 1"] * 3
    assert after == "menu, version 2"
    assert other == "menu, version 3"


def test_the_clock_caps_only_what_depends_on_a_key_the_schedule_names(monkeypatch):
    """The schedule source answers per key: a front's next layout caps what shows that front;
    the next publish (ANY_CHANGE) caps everything."""
    with time_machine.travel(timezone.now(), tick=False):
        now = time.time()
        changes = {"front:home": now + 40, cache_keys.ANY_CHANGE: None}
        monkeypatch.setattr(cache_keys, "schedule_source", lambda: dict(changes))
        cache.clear()
        cache_keys.recent_fragments.clear()
        assert cache_keys.fresh_for(keys={"front:home", "site"}) == 40
        assert cache_keys.fresh_for(keys={"article:1", "site"}) == cache_keys.max_timeout()
        assert cache_keys.fresh_for() == 40  # what does not say what it shows: the soonest

        changes[cache_keys.ANY_CHANGE] = now + 30
        cache.clear()
        cache_keys.recent_fragments.clear()
        assert cache_keys.fresh_for(keys={"article:1"}) == 30
        assert cache_keys.fresh_for(keys={"front:home"}) == 30


def test_pages_checked_after_one_change_share_its_marks_and_see_the_next_change(file_caches):
    from shared.cache_backends import UnculledFileCache

    built_at = time.time()
    home = cache_keys.snapshot({"article:1", "home", "site"}, built_at)
    story = cache_keys.snapshot({"article:1", "site"}, built_at)
    content_changed("article:2")
    since = cache_keys.last_change()
    assert cache_keys.still_fresh(home, built_at, since)
    assert cache_keys.still_fresh(story, built_at, since)  # article:1 as read for home

    another_process = UnculledFileCache(str(file_caches / "changes"), {})
    another_process.set(cache_keys.PREFIX + "*", (time.time(), "first"), timeout=None)
    another_process.set(cache_keys.PREFIX + "article:1", (time.time(), "edit"), timeout=None)
    another_process.set(cache_keys.PREFIX + "*", (time.time(), "last"), timeout=None)

    since = cache_keys.last_change()
    assert not cache_keys.still_fresh(home, built_at, since)
    assert not cache_keys.still_fresh(story, built_at, since)
