"""The daily digest: at the newsroom's time in its time zone, started by the job workers
(no cron), once a day, with only published articles in what each reader follows."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from taggit.models import Tag

from articles.models import Article
from jobs import periodic
from newsletters.models import Delivery, Kind, Send
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

PARIS = ZoneInfo("Europe/Paris")


def paris(day, hour, minute=0, second=0):
    """A time in March 2026 in Paris (UTC+1 then)."""
    return datetime(2026, 3, day, hour, minute, second, tzinfo=PARIS)


@pytest.fixture
def newsroom_in_paris(settings):
    settings.TIME_ZONE = "Europe/Paris"
    settings.NEWSLETTERS_DIGEST_TIME = "07:00"


@pytest.fixture
def workers_beat(django_capture_on_commit_callbacks):
    """What every job worker does on each heartbeat, at a given time."""

    def beat(when):
        with time_machine.travel(when), django_capture_on_commit_callbacks(execute=True):
            periodic.run_due()

    return beat


def headlines(message):
    html = message.get_body(("html",)).get_content()
    return {a.headline for a in Article.objects.all() if a.headline in html}


def test_the_digest_goes_out_at_the_newsrooms_time_in_its_time_zone_and_only_once(
    inbox, newsroom_in_paris, workers_beat, category, make_readers
):
    with time_machine.travel(paris(10, 5)):
        readers = make_readers(2, category)
        ArticleFactory(published=True, category=category, headline="The tram line opens")

    workers_beat(paris(10, 6, 59, 50))  # 05:59 UTC: not yet in Paris
    assert inbox.messages == []
    assert not Send.objects.exists()

    workers_beat(paris(10, 7, 0, 5))
    workers_beat(paris(10, 7, 0, 15))  # the next beat, or a second worker
    workers_beat(paris(10, 18))
    assert sorted(m["To"] for m in inbox.messages) == [r.email for r in readers]
    assert all(headlines(m) == {"The tram line opens"} for m in inbox.messages)
    assert inbox.messages[0]["Subject"] == "Your daily digest, 10 March 2026"
    assert Send.objects.get().digest_day.isoformat() == "2026-03-10"

    workers_beat(paris(11, 7, 0, 5))  # the next day: a digest of its own, nothing new in it
    assert len(inbox.messages) == 2
    assert Send.objects.filter(kind=Kind.DIGEST).count() == 2


def test_a_digest_holds_only_published_articles_new_since_the_last_one_in_what_each_follows(
    inbox, newsroom_in_paris, workers_beat, category, make_readers
):
    other = CategoryFactory(name="Sport")
    climate = Tag.objects.create(name="climate", slug="climate")
    columnist = UserFactory(display_name="Ines Duarte")
    with time_machine.travel(paris(10, 5)):
        (by_section,) = make_readers(1, category, prefix="section")
        (by_tag,) = make_readers(1, tags=[climate], prefix="tag")
        (by_author,) = make_readers(1, authors=[columnist], prefix="author")

        def story(headline, status=Article.Status.PUBLISHED, at=None, **fields):
            fields.setdefault("category", category)
            at = at or paris(10, 3)  # before the digest of the 10th, after the one of the 9th
            return ArticleFactory(headline=headline, status=status, published_at=at, **fields)

        story("Harbour fees rise")
        story("Yesterday's news", at=paris(9, 6, 59))  # in the digest of the 9th
        story("A draft with a time", status=Article.Status.DRAFT)
        story("Waiting for an editor", status=Article.Status.IN_REVIEW)
        story("Archived story", status=Article.Status.ARCHIVED)
        story("Taken down", status=Article.Status.TAKEN_DOWN)
        story("Scheduled for nine", at=paris(10, 9))
        story("Cup final tonight", category=other)
        story("Glaciers retreat", category=other, tags=[climate])
        story("A column", category=other, authors=[columnist])

    workers_beat(paris(10, 7, 0, 5))
    assert headlines(*inbox.to(by_section.email)) == {"Harbour fees rise"}
    assert headlines(*inbox.to(by_tag.email)) == {"Glaciers retreat"}
    assert headlines(*inbox.to(by_author.email)) == {"A column"}

    inbox.messages.clear()
    workers_beat(paris(11, 7, 0, 5))
    # The scheduled story went live at nine: it is in the next day's digest, and nothing else.
    assert [(m["To"], headlines(m)) for m in inbox.messages] == [
        (by_section.email, {"Scheduled for nine"})
    ]


def test_a_reader_with_nothing_new_in_what_they_follow_gets_no_digest(
    inbox, newsroom_in_paris, workers_beat, category, make_readers
):
    quiet = CategoryFactory(name="Obituaries")
    with time_machine.travel(paris(10, 5)):
        (busy,) = make_readers(1, category, prefix="busy")
        (idle,) = make_readers(1, quiet, prefix="idle")
        make_readers(1, prefix="follows-nothing")
        ArticleFactory(published=True, category=category)

    workers_beat(paris(10, 7, 0, 5))
    assert [m["To"] for m in inbox.messages] == [busy.email]
    skipped = Delivery.objects.get(email=idle.email)
    assert skipped.status == Delivery.Status.SKIPPED
    assert not Delivery.objects.filter(email="follows-nothing0@example.com").exists()
