"""The live page as readers see it without JavaScript: the marker, key points, the pinned
update, the stream newest first, pages of older updates, permalinks, the archive note."""

import re
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.utils import timezone

from live import services
from live.stream import PER_PAGE
from shared.cache import recent_fragments
from tests.factories import ArticleFactory
from tests.live.factories import live_page, updates

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(desk_editor, reporter):
    return live_page(authors=[reporter], by=desk_editor, headline="Storm hits the harbour")


def shown_updates(html):
    return re.findall(r'<div class="live-update__body"><p>(.*?)</p>', html)


def test_the_live_page_shows_the_marker_and_the_updates_newest_first(client, page, reporter):
    updates(page, 3, by=reporter)
    html = client.get(page.get_absolute_url()).content.decode()

    assert html.count('class="live-badge"') == 2  # beside the headline and on the stream
    assert "Live coverage, updated" in html
    assert shown_updates(html) == ["Update number 3.", "Update number 2.", "Update number 1."]
    assert 'aria-live="polite"' in html
    assert "js/live.js" in html


def test_each_update_has_its_author_relative_and_exact_time_and_a_permalink(client, page, reporter):
    [update] = updates(page, 1, by=reporter)
    html = client.get(page.get_absolute_url()).content.decode()
    local = timezone.localtime(update.published_at)

    assert f'id="update-{update.pk}"' in html
    assert f'href="/live/update/{update.pk}/"' in html
    assert f'<time datetime="{local.isoformat(timespec="seconds")}">' in html
    assert "just now" in html and local.strftime("%H:%M") in html
    assert "Wren Reporter" in html


def test_older_updates_are_on_later_pages_with_plain_links(client, page, reporter):
    updates(page, PER_PAGE + 5, by=reporter)
    first = client.get(page.get_absolute_url()).content.decode()
    second = client.get(page.get_absolute_url() + "?page=2").content.decode()

    assert len(shown_updates(first)) == PER_PAGE
    assert shown_updates(first)[0] == f"Update number {PER_PAGE + 5}."
    assert 'href="?page=2#live" rel="next">Older updates</a>' in first
    assert shown_updates(second) == [f"Update number {n}." for n in range(5, 0, -1)]
    assert 'href="?page=1#live" rel="prev">Newer updates</a>' in second
    assert "Page 2 of 2" in second


def test_a_permalink_opens_the_page_that_holds_the_update_now(client, page, reporter):
    oldest = updates(page, PER_PAGE + 1, by=reporter)[0]
    response = client.get(oldest.get_absolute_url())

    assert response.status_code == 302
    assert response["Location"] == f"{page.get_absolute_url()}?page=2#update-{oldest.pk}"
    assert f'id="update-{oldest.pk}"' in client.get(response["Location"]).content.decode()


def test_a_permalink_to_a_recent_update_opens_the_first_page(client, page, reporter):
    newest = updates(page, 3, by=reporter)[-1]
    assert client.get(newest.get_absolute_url())["Location"] == (
        f"{page.get_absolute_url()}#update-{newest.pk}"
    )


def test_a_permalink_of_a_deleted_update_or_an_unpublished_page_is_not_found(
    client, page, reporter, desk_editor
):
    first, second = updates(page, 2, by=reporter)
    services.delete_update(update=first, user=desk_editor)
    assert client.get(first.get_absolute_url()).status_code == 404
    page.status = page.Status.DRAFT
    page.save()
    assert client.get(second.get_absolute_url()).status_code == 404


def test_key_points_and_the_pinned_update_come_first(client, page, reporter, desk_editor):
    updates(page, 2, by=reporter)
    key = services.post_update(
        article=page, user=reporter, body="The bridge is closed.", is_key_point=True
    )
    pinned = services.post_update(
        article=page, user=desk_editor, body="Stay indoors, police say.", is_pinned=True
    )
    services.post_update(article=page, user=reporter, body="Wind easing.")
    html = client.get(page.get_absolute_url()).content.decode()

    key_points = html.index("Key points")
    pinned_at = html.index('class="live__pinned"')
    stream = html.index('class="live__stream"')
    assert key_points < pinned_at < stream
    assert f'<a href="/live/update/{key.pk}/">' in html[key_points:pinned_at]
    assert html.count(f'id="update-{pinned.pk}"') == 1  # once, above the stream
    assert shown_updates(html[stream:])[:2] == ["Wind easing.", "The bridge is closed."]
    assert client.get(pinned.get_absolute_url())["Location"].endswith(f"#update-{pinned.pk}")


def test_an_ended_page_says_when_coverage_ended_and_keeps_its_updates(
    client, page, reporter, desk_editor
):
    updates(page, 2, by=reporter)
    services.end_coverage(article=page, user=desk_editor)
    html = client.get(page.get_absolute_url()).content.decode()

    assert "Coverage ended" in html and "kept below as an archive" in html
    assert 'class="live-badge"' not in html
    assert "data-live-ended" in html
    assert shown_updates(html) == ["Update number 2.", "Update number 1."]


def test_a_page_that_was_never_live_shows_no_live_area(client):
    article = ArticleFactory(published=True)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'class="live"' not in html and "live.js" not in html


def test_a_page_with_no_updates_yet_says_so(client, page):
    html = client.get(page.get_absolute_url()).content.decode()
    assert "No updates yet: the first one appears here." in html


def test_cards_of_a_live_page_show_the_marker_and_the_latest_update_time(client, page, reporter):
    [update] = updates(page, 1, by=reporter)
    page.refresh_from_db()
    local = timezone.localtime(page.live_updated_at)
    for url in ("/", page.category.get_absolute_url()):
        card = BeautifulSoup(client.get(url).content, "html5lib").select_one(".card")
        assert card.select_one(".live-badge"), url
        updated = card.select_one(".card__live-updated")
        assert updated.contents[0] == "Updated " and updated.contents[1].name == "time", url
        assert updated.time["datetime"] == local.isoformat(timespec="seconds"), url


def test_the_live_page_costs_a_fixed_number_of_queries_however_many_updates(
    client, page, reporter, desk_editor, django_assert_max_num_queries, warm_content_types
):
    def cold_page():
        cache.clear()
        recent_fragments.clear()  # a new process: nothing kept in it either
        # 16: with memberships' rules and tiers (whether the stream is behind a wall).
        with django_assert_max_num_queries(16) as queries:
            client.get(page.get_absolute_url())
        return len(queries)

    updates(page, 3, by=reporter)
    few = cold_page()
    updates(page, 45, by=reporter, is_key_point=True)
    services.post_update(article=page, user=desk_editor, body="Pinned", is_pinned=True)
    assert cold_page() == few


def test_the_page_says_when_it_was_last_updated_after_each_update(client, page, reporter):
    def updated_at():
        html = client.get(page.get_absolute_url()).content.decode()
        state = BeautifulSoup(html, "html.parser").select_one("[data-live-state] time")
        return state["datetime"]

    # Moments after the page went live, never a time of day: "10:00 today" is before a page
    # published in the afternoon, so the test would fail every afternoon.
    first_at = page.published_at + timedelta(minutes=5)
    second_at = first_at + timedelta(minutes=2)
    with time_machine.travel(first_at, tick=False):
        services.post_update(article=page, user=reporter, body="Waves over the wall.")
        first = updated_at()
    with time_machine.travel(second_at, tick=False):
        services.post_update(article=page, user=reporter, body="The wall holds.")
        second = updated_at()  # the article itself is kept; its latest update is not

    assert first.startswith(first_at.strftime("%Y-%m-%dT%H:%M"))
    assert second.startswith(second_at.strftime("%Y-%m-%dT%H:%M"))
