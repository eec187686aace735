"""Which cached pages each kind of write makes stale, and which stay cached.

A table of writes × pages, on the one-box setup: the page cache and the change times in
directories shared by the workers. Between requests the process's own memo is emptied, as
if each request reached another worker, so every answer comes through the shared files.
The same holds across servers sharing PostgreSQL and Redis (tests/newsroom/test_multi_server.py).
"""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from articles.models import Article, Category, SiteIdentity
from articles.services import article_publish, article_unpublish, correction_add
from comments.models import Comment
from comments.services import comment_moderate
from shared import cache as cache_keys
from shared.page_cache import recent_pages
from tests.articles.factories import ImageFactory, picture_file
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["home", "harbour desk", "science desk", "harbour story", "science story", "tag", "author"]
FEEDS = ["site feed", "harbour feed", "science feed", "sitemap"]


@pytest.fixture
def shared_file_caches(settings, tmp_path):
    settings.CACHES = {
        "default": {
            "BACKEND": "shared.cache_backends.FileCache",
            "LOCATION": str(tmp_path / "pages"),
        },
        "changes": {
            "BACKEND": "shared.cache_backends.UnculledFileCache",
            "LOCATION": str(tmp_path / "changes"),
        },
    }
    recent_pages.clear()
    cache_keys.recent_fragments.clear()
    cache_keys.start()
    yield
    recent_pages.clear()
    cache_keys.recent_fragments.clear()


@pytest.fixture
def site(shared_file_caches):
    editor = UserFactory(username="editor", is_staff=True, is_superuser=True)
    writer = UserFactory(display_name="Wren Writer")
    harbour = CategoryFactory(name="Harbour desk", slug="harbour")
    science = CategoryFactory(name="Science desk", slug="science")
    picture = ImageFactory(alt_text="Ferries at the quay")
    hour_ago = timezone.now() - timedelta(hours=1)
    story = ArticleFactory(
        headline="Ferry timetable changes",
        slug="ferry-timetable",
        category=harbour,
        status=Article.Status.PUBLISHED,
        published_at=hour_ago,
        authors=[writer],
        tags=["ferries"],
        featured_image=picture,
    )
    other = ArticleFactory(
        headline="Comet seen over the bay",
        slug="comet",
        category=science,
        status=Article.Status.PUBLISHED,
        published_at=hour_ago - timedelta(hours=1),
    )
    draft = ArticleFactory(headline="Harbour budget leak", category=harbour, authors=[writer])
    comment = CommentFactory(article=story, body="The new times suit commuters.")
    urls = {
        "home": "/",
        "harbour desk": harbour.get_absolute_url(),
        "science desk": science.get_absolute_url(),
        "harbour story": story.get_absolute_url(),
        "science story": other.get_absolute_url(),
        "tag": "/tag/ferries/",
        "author": writer.get_absolute_url(),
        "site feed": "/feeds/rss/",
        "harbour feed": "/feeds/category/harbour/rss/",
        "science feed": "/feeds/category/science/rss/",
        "sitemap": "/sitemap-articles.xml",
    }
    return locals()


def fetch(url):
    # Another worker: only what the shared cache holds.
    recent_pages.clear()
    cache_keys.recent_fragments.clear()
    return Client().get(url)


def stale_after(site, write):
    for url in site["urls"].values():
        assert fetch(url).status_code == 200, url
        assert fetch(url)["X-Cache"] == "hit", url
    write(site)
    return {name for name, url in site["urls"].items() if fetch(url)["X-Cache"] != "hit"}


def save_draft(site):
    site["draft"].body = "Figures from the finance office."
    site["draft"].save()


def tag_draft(site):
    site["draft"].tags.add("harbour budget")  # a tag no page shows yet


def delete_draft(site):
    site["draft"].delete()


def hold_comment(site):
    CommentFactory(article=site["story"], body="Buy cheap watches", status=Comment.Status.PENDING)


def approve_comment(site):
    held = CommentFactory(
        article=site["story"], body="Good news for the ferry crews.", status=Comment.Status.PENDING
    )
    comment_moderate(comments=[held], status=Comment.Status.APPROVED)


def remove_comment(site):
    comment_moderate(comments=[site["comment"]], status=Comment.Status.REMOVED)


def correct(site):
    correction_add(article=site["story"], user=site["editor"], note="The ferry leaves at 7.")


def publish(site):
    article_publish(article=site["draft"], user=site["editor"])


def unpublish(site):
    article_unpublish(article=Article.objects.get(pk=site["story"].pk), user=site["editor"])


def change_slug(site):
    story = Article.objects.get(pk=site["story"].pk)
    story.slug = "ferry-timetable-2027"
    story.save()


def rename_category(site):
    harbour = Category.objects.get(pk=site["harbour"].pk)
    harbour.name = "Harbour and coast"
    harbour.save()


def edit_alt_text(site):
    picture = site["picture"]
    picture.alt_text = "Two ferries at the quay at dawn"
    picture.save()


def upload_a_new_picture_file(site):
    picture = site["picture"]
    picture.file = picture_file(name="ferries-at-dawn.jpg", colour=(200, 120, 40))
    picture.save()


def edit_site_identity(site):
    SiteIdentity(name="The Harbour Herald").save()


def lay_out_the_home_front(site):
    from fronts.models import Front, Placement, Zone

    zone = Zone.objects.create(front=Front.objects.create(), kind="lead", size=1)
    Placement.objects.create(zone=zone, article=site["other"], headline="Comet over the bay")


def lay_out_the_harbour_front(site):
    from fronts.models import Front, Placement, Zone

    zone = Zone.objects.create(front=Front.objects.create(category=site["harbour"]), size=1)
    Placement.objects.create(zone=zone, article=site["story"], label="exclusive")


def set_the_banner(site):
    from fronts.services import banner_set

    banner_set(user=site["editor"], text="Harbour bridge closed")


# The newsroom's own writes on a published story: nobody outside sees them, so no page goes
# stale (they change the article's row, its history or any cache key never).
def autosave_the_story(site):
    from autosave.services import autosave_store

    story = site["story"]
    data = {"body": "A new paragraph, typed and not yet saved."}
    autosave_store(article=story, user=site["editor"], data=data, base_version=story.lock_version)


def heartbeat_in_the_story(site):
    from presence.services import presence_beat

    presence_beat(
        article_id=site["story"].pk, user=site["editor"], editing=True, can_edit=lambda: True
    )


def take_over_the_story(site):
    from presence.services import lock_take_over, presence_beat

    presence_beat(
        article_id=site["story"].pk, user=site["writer"], editing=True, can_edit=lambda: True
    )
    lock_take_over(article=site["story"], user=site["editor"])


def note_on_the_story(site):
    from notes.services import note_post

    note_post(article=site["story"], author=site["editor"], body="@editor check the times.")


def tell_the_writer(site):
    from notifications.services import _create

    _create(
        [site["editor"].pk],
        kind="submitted",
        text="A story",
        article_id=site["story"].pk,
        actor_id=None,
    )


EVERYTHING = set(PAGES) | set(FEEDS)
LISTINGS_OF_THE_STORY = {"home", "harbour desk", "tag", "author"}
FEEDS_OF_THE_STORY = {"site feed", "harbour feed"}
THE_STORY_EVERYWHERE = {"harbour story"} | LISTINGS_OF_THE_STORY | FEEDS_OF_THE_STORY

TABLE = [
    (save_draft, set()),
    (autosave_the_story, set()),
    (heartbeat_in_the_story, set()),
    (take_over_the_story, set()),
    (note_on_the_story, set()),
    (tell_the_writer, set()),
    (tag_draft, set()),
    (delete_draft, set()),
    (hold_comment, set()),
    (approve_comment, {"harbour story"}),
    (remove_comment, {"harbour story"}),
    # A correction shows on the story's page and in its feed items, never on its card: the
    # listings stay cached. The sitemap lists the story's address, not its text: its
    # last-modified time follows within the page lifetime.
    (correct, {"harbour story"} | FEEDS_OF_THE_STORY),
    (publish, {"home", "harbour desk", "author", "sitemap"} | FEEDS_OF_THE_STORY),
    (unpublish, THE_STORY_EVERYWHERE | {"sitemap"}),
    (change_slug, THE_STORY_EVERYWHERE | {"sitemap"}),
    (rename_category, EVERYTHING),
    # Feeds carry the picture itself, not its description.
    (edit_alt_text, {"harbour story"} | LISTINGS_OF_THE_STORY),
    # ...but a new file changes the feed items' enclosures too.
    (upload_a_new_picture_file, THE_STORY_EVERYWHERE),
    (edit_site_identity, EVERYTHING),
    (lay_out_the_home_front, {"home"}),
    (lay_out_the_harbour_front, {"harbour desk"}),
    # Whole pages are filled again from their kept shells (no view runs); feeds carry none.
    (set_the_banner, set(PAGES)),
]


@pytest.mark.parametrize(("write", "stale"), TABLE, ids=[write.__name__ for write, _ in TABLE])
def test_a_write_makes_stale_exactly_the_pages_that_show_what_it_changed(site, write, stale):
    assert stale_after(site, write) == stale


def test_each_stale_page_shows_the_write_at_once(site):
    urls = site["urls"]
    for url in urls.values():
        fetch(url)
    approve_comment(site)
    assert "Good news for the ferry crews." in fetch(urls["harbour story"]).content.decode()
    correct(site)
    assert "The ferry leaves at 7." in fetch(urls["harbour story"]).content.decode()
    edit_alt_text(site)  # cards show the picture as decoration (alt=""); the story describes it
    assert "Two ferries at the quay at dawn" in fetch(urls["harbour story"]).content.decode()
    rename_category(site)
    for name in PAGES:
        assert "Harbour and coast" in fetch(urls[name]).content.decode(), name
    unpublish(site)
    assert fetch(urls["harbour story"]).status_code == 404
    for name in ("home", "harbour desk", "science story", "science desk"):
        assert "Ferry timetable changes" not in fetch(urls[name]).content.decode(), name


def test_a_story_unpublished_leaves_every_front_that_placed_it_at_once(site):
    from fronts.models import Front, Placement, Zone

    urls = site["urls"]
    for category in (None, site["harbour"]):
        zone = Zone.objects.create(front=Front.objects.create(category=category), size=2)
        Placement.objects.create(zone=zone, article=site["story"], headline="Ferry times")
    for name in ("home", "harbour desk"):
        assert "Ferry times" in fetch(urls[name]).content.decode(), name
    assert stale_after(site, unpublish) == THE_STORY_EVERYWHERE | {"sitemap"}
    for name in ("home", "harbour desk"):
        assert "Ferry times" not in fetch(urls[name]).content.decode(), name


# A page is kept only until the next scheduled layout of a front it shows: the other pages,
# and their fragments, stay kept when the clock applies it.
def test_a_scheduled_layout_applied_by_the_clock_makes_stale_only_its_fronts_page(site):
    from fronts.models import Front
    from fronts.services import save_layout

    def lead(article, headline):
        placement = {"article": article.pk, "headline": headline}
        return {"zones": [{"kind": "lead", "size": 1, "placements": [placement]}]}

    with time_machine.travel(timezone.now(), tick=False) as clock:
        front = Front.objects.create()
        save_layout(front=front, layout=lead(site["story"], "Ferry times"), user=site["editor"])
        edition = save_layout(
            front=front,
            layout=lead(site["other"], "Comet at dawn"),
            user=site["editor"],
            publish_at=timezone.now() + timedelta(seconds=30),
        )
        assert "Comet at dawn" not in fetch("/").content.decode()

        def the_clock_reaches_its_time(site):
            clock.move_to(edition.publish_at + timedelta(seconds=1))

        assert stale_after(site, the_clock_reaches_its_time) == {"home"}
        assert "Comet at dawn" in fetch("/").content.decode()
