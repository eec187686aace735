"""Fronts: placed stories in order, backfill from a zone's rule, front-only presentation,
a fixed number of queries, and the admin's role rules."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.services import article_unpublish
from fronts.models import Front, Placement, Zone
from tests import people
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


def story(headline, hours_ago, **kwargs):
    return ArticleFactory(
        headline=headline,
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - timedelta(hours=hours_ago),
        **kwargs,
    )


@pytest.fixture
def harbour():
    return CategoryFactory(name="Harbour desk", slug="harbour")


@pytest.fixture
def stories(harbour):
    return [story(f"Harbour story {n}", hours_ago=n + 1, category=harbour) for n in range(6)]


def home_front(*zones):
    front = Front.objects.create()
    for position, (kind, size, rule, placed) in enumerate(zones):
        zone = Zone.objects.create(front=front, position=position, kind=kind, size=size, rule=rule)
        for order, article in enumerate(placed):
            Placement.objects.create(zone=zone, position=order, article=article)
    return front


def home_html(client):
    return client.get(reverse("articles:home")).content.decode()


def in_order(html, *texts):
    places = [html.index(text) for text in texts]
    return places == sorted(places)


def test_a_home_page_without_a_front_keeps_its_default_layout(client, stories):
    html = home_html(client)
    assert "Latest" in html and "Trending now" in html
    assert "Harbour story 0" in html


def test_placed_stories_lead_in_the_order_the_editor_gave(client, stories):
    home_front(("lead", 3, "", [stories[4], stories[2], stories[5]]))
    html = home_html(client)
    assert in_order(html, "Harbour story 4", "Harbour story 2", "Harbour story 5")
    assert "Harbour story 0" not in html  # a curated zone with no rule shows only its own
    assert "Trending now" not in html  # the front replaces the default layout


def test_empty_slots_fill_from_the_rule_without_showing_a_story_twice(client, stories):
    home_front(
        ("lead", 3, Zone.Rule.NEWEST, [stories[3]]),
        ("list", 2, Zone.Rule.NEWEST, []),
    )
    html = home_html(client)
    # The lead: the placed story, then the two newest; the list: the next two newest.
    assert in_order(
        html, "Harbour story 3", "Harbour story 0", "Harbour story 1", "Harbour story 2"
    )
    assert html.count("Harbour story 3") == 1
    assert "Harbour story 4" in html and "Harbour story 5" not in html


def test_an_unpublished_story_vanishes_from_the_front_and_the_rule_fills_its_slot(client, stories):
    editor = people.editor()
    home_front(("lead", 2, Zone.Rule.NEWEST, [stories[5], stories[4]]))
    assert "Harbour story 5" in home_html(client)  # kept in the page cache from here on
    article_unpublish(article=Article.objects.get(pk=stories[5].pk), user=editor)
    html = home_html(client)
    assert "Harbour story 5" not in html
    assert in_order(html, "Harbour story 4", "Harbour story 0")


def test_a_scheduled_or_draft_story_placed_on_the_front_is_not_shown(client, harbour):
    draft = ArticleFactory(headline="A draft nobody may read", category=harbour)
    scheduled = ArticleFactory(headline="Tomorrow's scoop", category=harbour, scheduled=True)
    home_front(("lead", 2, "", [draft, scheduled]))
    html = home_html(client)
    assert "A draft nobody may read" not in html and "Tomorrow&#x27;s scoop" not in html


def test_a_story_on_the_front_shows_its_front_headline_standfirst_picture_and_label_there_only(
    client, stories
):
    front = home_front(("lead", 1, "", []))
    picture = ImageFactory(alt_text="Cranes at dusk")
    Placement.objects.create(
        zone=front.zones.get(),
        article=stories[0],
        headline="Port deal done",
        standfirst="What the new cranes mean for jobs",
        image=picture,
        label=Placement.Label.EXCLUSIVE,
    )
    html = home_html(client)
    assert "Port deal done" in html and "Harbour story 0" not in html
    assert "What the new cranes mean for jobs" in html
    assert "Exclusive" in html
    assert 'class="card__image"' in html  # the story has no picture of its own
    page = client.get(stories[0].get_absolute_url()).content.decode()
    assert "Harbour story 0" in page
    assert "Port deal done" not in page and "Exclusive" not in page


def test_a_category_front_leads_its_first_page_only(client, harbour, stories):
    front = Front.objects.create(category=harbour)
    zone = Zone.objects.create(front=front, kind="lead", size=1, title="Harbour's pick")
    Placement.objects.create(zone=zone, article=stories[5], headline="The pick of the week")
    html = client.get(harbour.get_absolute_url()).content.decode()
    assert "The pick of the week" in html
    assert "The pick of the week" not in home_html(client)


def test_a_front_edit_reaches_readers_at_once(client, stories):
    front = home_front(("lead", 1, "", [stories[2]]))
    assert "Harbour story 2" in home_html(client)
    placement = Placement.objects.get(zone__front=front)
    placement.article = stories[1]
    placement.save()
    html = home_html(client)
    assert "Harbour story 1" in html and "Harbour story 2" not in html


def test_the_home_page_with_curated_zones_costs_a_fixed_number_of_queries(
    client, harbour, django_assert_max_num_queries, warm_content_types
):
    placed = [story(f"Placed {n}", hours_ago=n + 1, category=harbour) for n in range(12)]
    tag_story = story("Tagged", hours_ago=20, category=harbour, tags=["ferries"])
    home_front(
        ("lead", 3, Zone.Rule.NEWEST, placed[:2]),
        ("top", 4, Zone.Rule.CATEGORY, placed[2:5]),
        ("cards", 4, Zone.Rule.TAG, placed[5:7]),
        ("rail", 4, Zone.Rule.AUTHOR, placed[7:8]),
        ("list", 5, Zone.Rule.LIVE, placed[8:10]),
        ("most_read", 5, Zone.Rule.MOST_READ, []),
        ("teaser", 4, Zone.Rule.CATEGORY, placed[10:]),
    )
    zones = Zone.objects.order_by("position")
    zones.filter(rule=Zone.Rule.CATEGORY).update(category=harbour)
    zones.filter(rule=Zone.Rule.TAG).update(tag=tag_story.tags.get())
    zones.filter(rule=Zone.Rule.AUTHOR).update(author=placed[0].authors.get())
    # Every cache cold: the site's shared rows too (identity, bar, footer, fronts' state).
    with django_assert_max_num_queries(14):
        html = home_html(client)
    assert "Placed 0" in html and "Tagged" in html
    with django_assert_max_num_queries(0):
        home_html(client)


def test_writers_may_look_at_fronts_but_only_editors_change_them(stories):
    front = home_front(("lead", 1, "", [stories[0]]))
    change = reverse("admin:fronts_front_change", args=[front.pk])
    writer, editor = Client(), Client()
    writer.force_login(people.writer())
    editor.force_login(people.editor())
    assert writer.get(change).status_code == 200  # read-only
    assert writer.post(change, {}).status_code == 403
    assert writer.get(reverse("admin:fronts_front_add")).status_code == 403
    assert editor.get(reverse("admin:fronts_front_add")).status_code == 200
    zone_change = reverse("admin:fronts_zone_change", args=[front.zones.get().pk])
    assert "Save" in editor.get(zone_change).content.decode()


def test_an_editor_places_a_story_under_a_front_headline_through_the_admin(client, stories):
    front = Front.objects.create()
    editor = Client()
    editor.force_login(people.editor())
    form = {
        "front": front.pk,
        "position": 0,
        "kind": "lead",
        "title": "",
        "size": 2,
        "rule": "newest",
        "placements-TOTAL_FORMS": 1,
        "placements-INITIAL_FORMS": 0,
        "placements-MIN_NUM_FORMS": 0,
        "placements-MAX_NUM_FORMS": 1000,
        "placements-0-position": 0,
        "placements-0-article": stories[3].pk,
        "placements-0-headline": "Harbour leads the day",
        "placements-0-label": "developing",
    }
    assert "Harbour story 0" in home_html(client)  # the default layout, kept
    answer = editor.post(reverse("admin:fronts_zone_add"), form, follow=True)
    assert "was added successfully" in answer.content.decode()
    html = home_html(client)
    assert in_order(html, "Developing", "Harbour leads the day", "Harbour story 0")


def test_a_zone_whose_rule_needs_a_category_says_so_and_keeps_the_form(stories):
    editor = Client()
    editor.force_login(people.editor())
    form = {"front": Front.objects.create().pk, "position": 0, "kind": "rail", "size": 4}
    form |= {"rule": "category", "title": "From the harbour"}
    form |= {f"placements-{name}": 0 for name in ("TOTAL_FORMS", "INITIAL_FORMS")}
    html = editor.post(reverse("admin:fronts_zone_add"), form).content.decode()
    assert "Choose the category this rule follows." in html
    assert 'value="From the harbour"' in html
    assert not Zone.objects.exists()
