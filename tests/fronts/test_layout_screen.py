"""The layout screen of a front works as a plain form: order numbers, adding a story by
its number or headline, front-only presentation, a preview never kept, save or propose."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from fronts import services
from fronts.models import Front, FrontVersion
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    now = timezone.now()
    return [
        ArticleFactory(
            headline=f"Pier story {n}",
            status=Article.Status.PUBLISHED,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(3)
    ]


@pytest.fixture
def front(stories):
    front = Front.objects.create()
    placed = [{"article": s.pk} for s in stories[:2]]
    layout = {"zones": [{"kind": "lead", "size": 3, "placements": placed}]}
    services.save_layout(front=front, layout=layout, user=people.editor())
    return front


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_of(front, **changes):
    """The screen's form as a browser without JavaScript sends it, with `changes`."""
    data = {"zones": 1, "z0-kind": "lead", "z0-title": "", "z0-size": 3, "z0-rule": ""}
    data |= {"z0-category": "", "z0-tag": "", "z0-author": "", "z0-count": 0}
    placements = front.zones.get().placements.order_by("position")
    for j, placement in enumerate(placements):
        data |= {f"z0-p{j}-article": placement.article_id, f"z0-p{j}-order": j + 1}
        data |= {f"z0-p{j}-headline": "", f"z0-p{j}-label": ""}
        data["z0-count"] = j + 1
    data["base"] = front.versions.filter(status="applied").first().pk
    return data | changes


def url(front):
    return reverse("admin:fronts_front_layout", args=[front.pk])


def test_the_screen_lists_each_zones_stories_in_order_with_move_buttons(front):
    html = logged_in(people.editor()).get(url(front)).content.decode()
    assert html.index("Pier story 0") < html.index("Pier story 1")
    assert "Move up: Pier story 1" in html and 'aria-live="polite"' in html
    assert 'name="z0-p0-order" value="1"' in html


def test_order_numbers_reorder_the_lead_and_save_puts_it_live(client, front):
    editor = logged_in(people.editor())
    data = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})
    answer = editor.post(url(front), data, follow=True)
    assert "The layout is live." in answer.content.decode()
    html = client.get("/").content.decode()
    assert html.index("Pier story 1") < html.index("Pier story 0")
    assert front.versions.first().summary == "Lead: reordered"


def test_a_story_is_added_by_its_headline_with_a_front_headline(client, front, stories):
    editor = logged_in(people.editor())
    data = form_of(front, **{"z0-add": "pier story 2", "action": "update"})
    html = editor.post(url(front), data).content.decode()
    assert f'name="z0-p2-article" value="{stories[2].pk}"' in html
    data = form_of(front, **{"z0-add": f"{stories[2].pk}: Pier story 2", "action": "save"})
    data["z0-p0-headline"] = "Pier stands firm"
    editor.post(url(front), data)
    html = client.get("/").content.decode()
    assert "Pier stands firm" in html and "Pier story 2" in html


def test_bad_input_is_refused_with_a_clear_message_and_nothing_lost(client, front):
    editor = logged_in(people.editor())
    data = form_of(front, **{"z0-add": "no such words anywhere", "z0-p0-order": "first"})
    data |= {"z0-p0-headline": "Kept headline", "action": "save"}
    answer = editor.post(url(front), data)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "No story matches “no such words anywhere”" in html
    assert "“first” is not an order number" in html
    assert 'value="no such words anywhere"' in html and 'value="Kept headline"' in html
    assert front.versions.count() == 1


def test_the_preview_shows_the_unsaved_layout_and_changes_nothing(client, front):
    editor = logged_in(people.editor())
    before = content_version()
    data = form_of(front, **{"z0-p1-headline": "Preview only headline", "action": "preview"})
    answer = editor.post(url(front), data)
    assert "Preview only headline" in answer.content.decode()
    assert "no-cache" in answer["Cache-Control"]
    assert content_version() == before and front.versions.count() == 1
    assert "Preview only headline" not in client.get("/").content.decode()


def test_a_writers_save_is_a_proposal(client, front):
    writer = logged_in(people.writer())
    data = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})
    answer = writer.post(url(front), data, follow=True)
    assert "Your layout is proposed" in answer.content.decode()
    proposal = front.versions.first()
    assert proposal.status == FrontVersion.Status.PROPOSED
    assert proposal.based_on_id == data["base"]  # the layout the screen was drawn from
    html = client.get("/").content.decode()
    assert html.index("Pier story 0") < html.index("Pier story 1")


def test_a_time_to_come_schedules_the_layout(front):
    editor = logged_in(people.editor())
    when = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    data = form_of(front, **{"z0-p0-remove": "1", "action": "save"})
    data["publish_at"] = when.strftime("%Y-%m-%dT%H:%M")
    answer = editor.post(url(front), data, follow=True)
    assert "The layout is scheduled for" in answer.content.decode()
    version = front.versions.first()
    assert version.status == FrontVersion.Status.SCHEDULED and version.publish_at == when


def test_a_save_over_someone_elses_newer_layout_is_held_and_kept_for_a_second_save(
    client, front, stories
):
    mine = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})
    mine["z0-p1-headline"] = "My own front headline"
    theirs = {"zones": [{"kind": "lead", "size": 3, "placements": [{"article": stories[2].pk}]}]}
    services.save_layout(front=front, layout=theirs, user=people.editor())
    editor = logged_in(people.editor())
    answer = editor.post(url(front), mine)
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "changed by someone else since you opened it" in html
    assert 'value="My own front headline"' in html
    assert "Pier story 2" in client.get("/").content.decode()  # theirs, still
    mine["base"] = front.versions.first().pk  # what the held screen carries
    assert f'name="base" value="{mine["base"]}"' in html
    assert "The layout is live." in editor.post(url(front), mine, follow=True).content.decode()
    assert "My own front headline" in client.get("/").content.decode()


def test_the_screens_search_finds_anyones_public_stories_for_a_writer(front, stories):
    writer = logged_in(people.writer())
    html = writer.get(url(front)).content.decode()
    source = reverse("admin:fronts_front_search")
    assert f'data-search="{source}"' in html
    found = writer.get(source, {"term": "pier story 2"}).json()["results"]
    assert found == [{"id": str(stories[2].pk), "text": "Pier story 2"}]
    assert Client().get(source, {"term": "pier"}).status_code == 302  # staff only


def test_save_pressed_twice_with_the_same_layout_records_one_version_and_marks_nothing(front):
    editor = logged_in(people.editor())
    data = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})
    editor.post(url(front), data)
    before, count = content_version(), front.versions.count()

    again = editor.post(url(front), data, follow=True)  # the double click's stale base too
    fresh = editor.post(url(front), form_of(front, action="save"), follow=True)

    assert front.versions.count() == count
    assert "No changes to save" in again.content.decode()
    assert "No changes to save" in fresh.content.decode()
    assert "changed by someone else" not in again.content.decode()
    assert content_version() == before


def test_a_writer_proposing_the_same_layout_twice_makes_one_proposal(front):
    writer = logged_in(people.writer())
    data = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})
    writer.post(url(front), data)
    answer = writer.post(url(front), data, follow=True)
    unchanged = writer.post(url(front), form_of(front, action="save"), follow=True)
    assert front.versions.filter(status=FrontVersion.Status.PROPOSED).count() == 1
    assert "already waiting" in answer.content.decode()
    assert "No changes to save" in unchanged.content.decode()


def test_a_revert_to_the_layout_up_now_records_nothing(front):
    editor = logged_in(people.editor())
    live = front.versions.get()
    answer = editor.post(
        reverse("admin:fronts_front_version", args=[front.pk, live.pk, "revert"]), follow=True
    )
    assert front.versions.count() == 1
    assert "No changes to save" in answer.content.decode()


def test_an_editor_saving_while_a_layout_is_scheduled_is_told_it_replaces_theirs_then(
    front, stories
):
    planner = people.editor(username="amara", display_name="Amara Okafor")
    later = {"zones": [{"kind": "lead", "size": 3, "placements": [{"article": stories[2].pk}]}]}
    when = timezone.now() + timedelta(hours=3)
    services.save_layout(front=front, layout=later, user=planner, publish_at=when)
    data = form_of(front, **{"z0-p0-order": 2, "z0-p1-order": 1, "action": "save"})

    answer = logged_in(people.editor()).post(url(front), data, follow=True)

    html = " ".join(answer.content.decode().split())
    assert "The layout is live." in html
    assert (
        f"A layout Amara Okafor scheduled for {timezone.localtime(when):%d %b %Y %H:%M} "
        "replaces this one at that time, as scheduled." in html
    )
