"""A layout scheduled for a time takes over at that time by the clock alone (no cron), on
pages the cache kept, as a scheduled article goes live."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from articles.models import Article
from fronts import services
from fronts.models import Front, FrontVersion
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def lead(article):
    return {"zones": [{"kind": "lead", "size": 1, "placements": [{"article": article.pk}]}]}


def page(url="/"):
    return Client().get(url)


def test_a_morning_edition_takes_over_the_cached_home_page_at_its_time():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        night = ArticleFactory(
            headline="Night ferry delayed",
            status=Article.Status.PUBLISHED,
            published_at=timezone.now() - timedelta(hours=2),
        )
        morning = ArticleFactory(
            headline="Harbour wakes to sunshine",
            status=Article.Status.PUBLISHED,
            published_at=night.published_at + timedelta(minutes=5),
        )
        editor = people.editor()
        front = Front.objects.create()
        services.save_layout(front=front, layout=lead(night), user=editor)
        edition = services.save_layout(
            front=front,
            layout=lead(morning),
            user=editor,
            publish_at=timezone.now() + timedelta(hours=6),
        )
        assert edition.status == FrontVersion.Status.SCHEDULED
        assert "Night ferry delayed" in page().content.decode()
        kept = page()
        assert kept["X-Cache"] == "hit" and "Harbour wakes" not in kept.content.decode()

        clock.move_to(edition.publish_at - timedelta(seconds=1))
        assert "Harbour wakes" not in page().content.decode()

        clock.move_to(edition.publish_at + timedelta(seconds=1))
        html = page().content.decode()
        assert "Harbour wakes to sunshine" in html and "Night ferry delayed" not in html
        edition.refresh_from_db()
        assert edition.status == FrontVersion.Status.APPLIED
        assert edition.applied_at is not None


def test_a_page_is_never_kept_past_the_next_scheduled_layout():
    with time_machine.travel(timezone.now(), tick=False):
        story = ArticleFactory(published=True)
        front = Front.objects.create()
        services.save_layout(
            front=front,
            layout=lead(story),
            user=people.editor(),
            publish_at=timezone.now() + timedelta(seconds=40),
        )
        response = page()
    assert "max-age=40" in response["Cache-Control"]


def test_the_history_shows_a_scheduled_layout_with_its_time():
    with time_machine.travel(timezone.now(), tick=False):
        story = ArticleFactory(published=True, headline="Weekend regatta")
        editor = people.editor()
        front = Front.objects.create()
        when = timezone.now() + timedelta(days=1)
        services.save_layout(front=front, layout=lead(story), user=editor, publish_at=when)
        client = Client()
        client.force_login(editor)
        html = client.get(reverse("admin:fronts_front_layouts", args=[front.pk])).content.decode()
    assert "Scheduled for" in html and "Weekend regatta" in html


def test_a_scheduled_layout_whose_story_was_deleted_still_takes_over():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        kept = ArticleFactory(published=True, headline="Lifeboat launched")
        gone = ArticleFactory(published=True, headline="Withdrawn story")
        front = Front.objects.create()
        placed = [{"article": gone.pk}, {"article": kept.pk}]
        layout = {"zones": [{"kind": "lead", "size": 2, "placements": placed}]}
        edition = services.save_layout(
            front=front,
            layout=layout,
            user=people.editor(),
            publish_at=timezone.now() + timedelta(hours=1),
        )
        gone.delete()
        clock.move_to(edition.publish_at + timedelta(seconds=1))
        response = page()
    assert response.status_code == 200
    assert "Lifeboat launched" in response.content.decode()


def history_of(front, user):
    client = Client()
    client.force_login(user)
    return client, " ".join(
        client.get(reverse("admin:fronts_front_layouts", args=[front.pk])).content.decode().split()
    )


def two_editors_and_a_day():
    """Three stories (night, morning, noon), two Editors (Amara, Bo) and the home front."""
    stories = tuple(
        ArticleFactory(published=True, headline=headline)
        for headline in ("Night ferry delayed", "Harbour wakes", "Noon regatta")
    )
    amara = people.editor(username="amara", display_name="Amara Okafor")
    bo = people.editor(username="bo", display_name="Bo Lind")
    return stories, amara, bo, Front.objects.create()


def test_a_layout_published_after_one_was_scheduled_is_named_on_its_row_and_still_replaced():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        (night, morning, noon), amara, bo, front = two_editors_and_a_day()
        services.save_layout(front=front, layout=lead(night), user=amara)
        edition = services.save_layout(
            front=front,
            layout=lead(morning),
            user=amara,
            publish_at=timezone.now() + timedelta(hours=6),
        )
        clock.shift(timedelta(minutes=30))
        services.save_layout(front=front, layout=lead(noon), user=bo)

        _, html = history_of(front, amara)
        assert "Changed since it was scheduled:</strong> the layout published" in html
        assert "by Bo Lind" in html
        assert "this layout still replaces it, as scheduled" in html
        assert "Cancel this schedule" in html

        clock.move_to(edition.publish_at + timedelta(seconds=1))
        shown = page().content.decode()
    assert "Harbour wakes" in shown and "Noon regatta" not in shown, "replaced, as scheduled"


def test_an_editor_cancels_a_schedule_and_the_front_stays_as_it_is():
    with time_machine.travel(timezone.now(), tick=False) as clock:
        now_up, planned = (
            ArticleFactory(published=True, headline=headline)
            for headline in ("Lifeboat launched", "Weekend regatta")
        )
        editor = people.editor(display_name="Edda Lund")
        front = Front.objects.create()
        services.save_layout(front=front, layout=lead(now_up), user=editor)
        edition = services.save_layout(
            front=front,
            layout=lead(planned),
            user=editor,
            publish_at=timezone.now() + timedelta(hours=1),
        )
        client, _ = history_of(front, editor)
        cancel = reverse("admin:fronts_front_version", args=[front.pk, edition.pk, "cancel"])
        assert Client().post(cancel).status_code == 302  # to the login page: staff only
        writer = Client()
        writer.force_login(people.writer())
        writer.post(cancel)
        edition.refresh_from_db()
        assert edition.status == FrontVersion.Status.SCHEDULED, "a writer may not cancel"

        answer = client.post(cancel, follow=True)
        again = client.post(cancel, follow=True)  # a double click

        assert "The schedule is cancelled" in answer.content.decode()
        assert "no longer scheduled" in again.content.decode()
        _, html = history_of(front, editor)
        assert "cancelled by Edda Lund" in html
        clock.move_to(edition.publish_at + timedelta(seconds=1))
        shown = page().content.decode()
    assert "Lifeboat launched" in shown and "Weekend regatta" not in shown


def test_whoever_scheduled_a_layout_is_told_when_another_editor_publishes_before_it(
    django_capture_on_commit_callbacks,
):
    from notifications.models import Notification

    (night, morning, noon), amara, bo, front = two_editors_and_a_day()
    at = timezone.now() + timedelta(hours=6)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_layout(front=front, layout=lead(night), user=amara)
        services.save_layout(front=front, layout=lead(morning), user=amara, publish_at=at)
        services.save_layout(front=front, layout=lead(noon), user=amara)  # her own: not told
    assert not Notification.objects.filter(kind="front_overtaken").exists()

    with django_capture_on_commit_callbacks(execute=True):
        services.save_layout(front=front, layout=lead(night), user=bo)

    told = Notification.objects.get(kind="front_overtaken")
    assert told.recipient == amara
    when = formats.date_format(timezone.localtime(at), "j M Y, H:i")
    assert told.text == (
        f"Bo Lind published a layout of the {front}; yours scheduled for {when} still "
        "replaces it then. Cancel it in the front's history if it should not."
    )
    assert not Notification.objects.filter(recipient=bo).exists(), "not told of his own act"
