"""A front's history: every saved layout is kept with who saved it and what changed, and
reverting to one makes a new version readers see at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from fronts import services, versions
from fronts.models import Front, FrontVersion, Zone
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def story(headline, hours_ago):
    return ArticleFactory(
        headline=headline,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=hours_ago),
    )


@pytest.fixture
def stories():
    return [story(f"Quay story {n}", hours_ago=n + 1) for n in range(4)]


def lead(*articles, headline=""):
    placed = [
        {"article": a.pk, "headline": headline if i == 0 else ""} for i, a in enumerate(articles)
    ]
    return {"zones": [{"kind": "lead", "size": 3, "placements": placed}]}


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def home_html(client):
    return client.get(reverse("articles:home")).content.decode()


def test_an_editors_layout_is_live_at_once_and_kept_in_the_history(client, stories):
    editor = people.editor(username="ed")
    front = Front.objects.create()
    services.save_layout(front=front, layout=lead(stories[2], stories[1]), user=editor)
    html = home_html(client)
    assert html.index("Quay story 2") < html.index("Quay story 1")
    front.refresh_from_db()
    assert front.updated_by == editor
    page = logged_in(editor).get(reverse("admin:fronts_front_layouts", args=[front.pk]))
    text = page.content.decode()
    assert "ed" in text and "Published" in text
    assert "Lead: new zone" in text and "placed “Quay story 2”" in text


def test_reverting_makes_a_new_version_and_readers_see_the_old_lead_again(client, stories):
    editor = people.editor()
    front = Front.objects.create()
    first = services.save_layout(front=front, layout=lead(stories[0]), user=editor)
    services.save_layout(front=front, layout=lead(stories[3]), user=editor)
    assert "Quay story 3" in home_html(client)
    url = reverse("admin:fronts_front_version", args=[front.pk, first.pk, "revert"])
    answer = logged_in(editor).post(url, follow=True)
    assert "The layout is live." in answer.content.decode()
    assert "Reverted to the layout of" in answer.content.decode()
    html = home_html(client)
    assert "Quay story 0" in html and "Quay story 3" not in html
    assert front.versions.count() == 3


def test_an_edit_through_the_zone_forms_is_a_version_with_who_made_it(stories):
    editor = people.editor(username="desk_editor")
    front = Front.objects.create()
    form = {"front": front.pk, "position": 0, "kind": "lead", "title": "", "size": 2, "rule": ""}
    form |= {"placements-TOTAL_FORMS": 1, "placements-INITIAL_FORMS": 0}
    form |= {"placements-0-position": 0, "placements-0-article": stories[1].pk}
    form |= {"placements-0-headline": "Quay at dawn"}
    answer = logged_in(editor).post(reverse("admin:fronts_zone_add"), form)
    assert answer.status_code == 302
    front.refresh_from_db()
    assert front.updated_by == editor
    version = front.versions.get()
    assert version.created_by == editor
    assert version.layout["zones"][0]["placements"][0]["headline"] == "Quay at dawn"
    assert "placed “Quay story 1”" in version.summary


def test_a_layout_with_a_missing_story_is_refused_and_the_front_is_kept(client, stories):
    editor = people.editor()
    front = Front.objects.create()
    services.save_layout(front=front, layout=lead(stories[0]), user=editor)
    broken = {"zones": [{"kind": "lead", "size": 3, "placements": [{"article": 999999}]}]}
    with pytest.raises(Exception, match="no longer exists"):
        services.save_layout(front=front, layout=broken, user=editor)
    assert "Quay story 0" in home_html(client)
    assert front.versions.count() == 1


def test_a_rule_without_what_it_follows_is_refused_with_a_clear_message():
    layout = {"zones": [{"kind": "rail", "title": "Harbour", "size": 4, "rule": "category"}]}
    with pytest.raises(Exception, match="Harbour: choose the category its rule follows."):
        versions.clean(layout)


def test_a_summary_says_what_moved():
    one = {"kind": "lead", "title": "", "size": 3, "rule": "", "category": None}
    one |= {"tag": None, "author": None}
    before = {"zones": [one | {"placements": [{"article": 1}, {"article": 2}]}]}
    after = {"zones": [one | {"placements": [{"article": 2}, {"article": 1}]}]}
    assert versions.summary(before, after) == "Lead: reordered"
    assert versions.summary(after, {"zones": []}) == "Lead: zone removed"
    assert Zone.Kind.LEAD.label == "Lead"
    assert FrontVersion.Status.APPLIED.label == "Published"
