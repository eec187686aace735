"""What each live write makes stale, and what stays cached, in the style of
tests/newsroom/test_what_each_write_makes_stale.py: the page cache and the change times in
shared directories, the process's memo emptied before every request (another worker)."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from live import services
from shared import cache as cache_keys
from tests.factories import ArticleFactory, CategoryFactory
from tests.newsroom.test_what_each_write_makes_stale import fetch, shared_file_caches  # noqa: F401
from tests.people import editor, writer

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(shared_file_caches):  # noqa: F811
    desk = editor(username="desk")
    reporter = writer(username="reporter", display_name="Rhea Reporter")
    harbour = CategoryFactory(name="Harbour desk", slug="harbour")
    science = CategoryFactory(name="Science desk", slug="science")
    hour_ago = timezone.now() - timedelta(hours=1)
    storm = ArticleFactory(
        headline="Storm hits the harbour: live",
        slug="storm-live",
        category=harbour,
        status=Article.Status.PUBLISHED,
        published_at=hour_ago,
        authors=[reporter],
    )
    services.start_coverage(article=storm, user=desk)
    first = services.post_update(article=storm, user=reporter, body="Winds reach 90 km/h.")
    ferry = ArticleFactory(
        headline="Ferry timetable changes",
        slug="ferry-timetable",
        category=harbour,
        status=Article.Status.PUBLISHED,
        published_at=hour_ago - timedelta(minutes=5),
    )
    comet = ArticleFactory(
        headline="Comet seen over the bay",
        slug="comet",
        category=science,
        status=Article.Status.PUBLISHED,
        published_at=hour_ago - timedelta(hours=1),
    )
    urls = {
        "home": "/",
        "harbour desk": harbour.get_absolute_url(),
        "science desk": science.get_absolute_url(),
        "live page": storm.get_absolute_url(),
        "live page, older updates": storm.get_absolute_url() + "?page=2",
        "poll answer": f"/live/{storm.pk}/updates.json",
        "ferry story": ferry.get_absolute_url(),
        "science story": comet.get_absolute_url(),
        "reporter": reporter.get_absolute_url(),
        "site feed": "/feeds/rss/",
        "harbour feed": "/feeds/category/harbour/rss/",
    }
    return locals()


def stale_after(site, write):
    for url in site["urls"].values():
        assert fetch(url).status_code == 200, url
        assert fetch(url)["X-Cache"] == "hit", url
    write(site)
    return {name for name, url in site["urls"].items() if fetch(url)["X-Cache"] != "hit"}


def post(site):
    services.post_update(article=site["storm"], user=site["reporter"], body="Power cut in town.")


def edit(site):
    services.edit_update(update=site["first"], user=site["reporter"], body="Winds reach 95 km/h.")


def pin(site):
    services.pin_update(update=site["first"], user=site["desk"])


def delete(site):
    services.delete_update(update=site["first"], user=site["desk"])


def end(site):
    services.end_coverage(article=Article.objects.get(pk=site["storm"].pk), user=site["desk"])


# A live update: its page (every page of it), its poll answer, and the pages that show
# its card with the card's "Updated" time: home, its category, its author, and the ferry
# story of the same desk, which lists it among its related stories. Never the comet story
# or the science desk, and never the feeds: an item shows the story's headline, standfirst and
# update time, none of which an update changes.
THE_LIVE_PAGE = {"live page", "live page, older updates", "poll answer"}
ITS_CARDS = {"home", "harbour desk", "reporter", "ferry story"}

TABLE = [
    (post, THE_LIVE_PAGE | ITS_CARDS),
    (edit, THE_LIVE_PAGE | ITS_CARDS),
    (pin, THE_LIVE_PAGE | ITS_CARDS),
    (delete, THE_LIVE_PAGE | ITS_CARDS),
    # Ending coverage is a save of the article: its key, which its cards and feed items
    # also depend on.
    (end, THE_LIVE_PAGE | ITS_CARDS | {"site feed", "harbour feed"}),
]


@pytest.mark.parametrize(("write", "stale"), TABLE, ids=[write.__name__ for write, _ in TABLE])
def test_a_live_write_makes_stale_exactly_its_page_its_answers_and_its_cards(site, write, stale):
    assert stale_after(site, write) == stale


def test_an_update_leaves_the_article_body_fragment_cached(site):
    storm = site["storm"]
    fetch(site["urls"]["live page"])
    name = f"newsroom:fragment{cache_keys.FRAGMENT_FORMAT}:article:{storm.pk}:testserver"
    entry = cache.get(name)
    assert entry is not None
    post(site)
    assert cache_keys.still_fresh(entry["keys"], entry["built_at"])
    fetch(site["urls"]["live page"])
    assert cache.get(name)["built_at"] == entry["built_at"]  # not rebuilt


def test_each_stale_page_shows_the_update_at_once(site):
    for url in site["urls"].values():
        fetch(url)
    post(site)
    assert "Power cut in town." in fetch(site["urls"]["live page"]).content.decode()
    assert "Power cut in town." in fetch(site["urls"]["poll answer"]).content.decode()
    storm = Article.objects.get(pk=site["storm"].pk)
    updated = timezone.localtime(storm.live_updated_at).strftime("%-d %b, %H:%M")
    assert f">{updated}</time>" in fetch("/").content.decode()
