"""The poll endpoint: one answer for every reader, from the page cache until the next
update, never showing what readers may not see."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from live import services
from live.stream import POLL_SIZE
from shared.cache import recent_fragments
from tests.factories import UserFactory
from tests.live.factories import live_page, updates

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(desk_editor, reporter):
    return live_page(authors=[reporter], by=desk_editor)


def poll_url(article):
    return f"/live/{article.pk}/updates.json"


def test_the_answer_lists_the_newest_updates_with_what_the_page_needs(client, page, reporter):
    posted = updates(page, 3, by=reporter)
    services.post_update(article=page, user=reporter, body="Key.", is_key_point=True)
    answer = client.get(poll_url(page)).json()

    assert answer["ended"] is False
    page.refresh_from_db()
    assert answer["updated"] == page.live_updated_at.isoformat(timespec="seconds")
    newest = answer["updates"][0]
    assert newest["key_point"] is True and newest["pinned"] is False and newest["version"] == 1
    assert [u["id"] for u in answer["updates"][1:]] == [u.pk for u in reversed(posted)]
    article = BeautifulSoup(newest["html"], "html5lib").body.contents[0]  # what live.js puts in
    assert article.name == "article" and article["id"] == f"update-{newest['id']}"
    assert article["class"] == ["live-update", "live-update--key"]
    assert answer["updates"][1]["published"] == posted[-1].published_at.astimezone().isoformat(
        timespec="seconds"
    )
    assert answer["deleted"] == []


def test_the_answer_is_served_from_the_page_cache_with_public_headers(client, page, reporter):
    updates(page, 2, by=reporter)
    first = client.get(poll_url(page))
    second = client.get(poll_url(page))

    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert second["Content-Type"] == "application/json"
    assert "public" in second["Cache-Control"] and "max-age=60" in second["Cache-Control"]
    assert set(second["Surrogate-Key"].split()) >= {f"live:{page.pk}", f"article:{page.pk}"}
    assert not second.cookies


def test_a_logged_in_reader_polling_without_cookies_gets_the_same_cached_answer(page, reporter):
    reader = Client()
    reader.force_login(UserFactory())
    Client().get(poll_url(page))
    # With its session cookie a request passes the anonymous cache (sessions, auth)...
    assert reader.get(poll_url(page))["X-Cache"] != "hit"
    # ...so live.js fetches with credentials "omit": no cookie, the cached answer.
    assert Client().get(poll_url(page))["X-Cache"] == "hit"


def test_the_answer_is_fresh_right_after_an_update(client, page, reporter, desk_editor):
    first, second = updates(page, 2, by=reporter)
    client.get(poll_url(page))

    services.edit_update(update=first, user=reporter, body="Edited.")
    edited = client.get(poll_url(page))
    assert edited["X-Cache"] == "miss"
    assert {u["id"]: u["version"] for u in edited.json()["updates"]}[first.pk] == 2

    services.delete_update(update=second, user=desk_editor)
    answer = client.get(poll_url(page)).json()
    assert second.pk not in [u["id"] for u in answer["updates"]]
    assert answer["deleted"] == [second.pk]

    new = services.post_update(article=page, user=reporter, body="Fresh.")
    assert client.get(poll_url(page)).json()["updates"][0]["id"] == new.pk


def test_ending_coverage_shows_in_the_answer_at_once(client, page, desk_editor):
    client.get(poll_url(page))
    services.end_coverage(article=page, user=desk_editor)
    assert client.get(poll_url(page)).json()["ended"] is True


def test_a_deleted_update_never_appears(client, page, reporter, desk_editor):
    [update] = updates(page, 1, by=reporter)
    services.delete_update(update=update, user=desk_editor)
    answer = client.get(poll_url(page)).json()
    assert answer["updates"] == [] and answer["deleted"] == [update.pk]
    assert "Update number 1." not in client.get(page.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["draft", "review", "taken_down"])
def test_an_article_readers_may_not_see_answers_not_found(client, page, reporter, status):
    updates(page, 1, by=reporter)
    page.status = status
    page.save()
    assert client.get(poll_url(page)).status_code == 404


def test_an_article_that_was_never_live_answers_not_found(client):
    from tests.factories import ArticleFactory

    assert client.get(poll_url(ArticleFactory(published=True))).status_code == 404


def test_unpublishing_a_live_article_makes_its_cached_answer_stale(client, page, reporter):
    updates(page, 1, by=reporter)
    client.get(poll_url(page))
    page.status = page.Status.DRAFT
    page.save()
    assert client.get(poll_url(page)).status_code == 404


def test_the_answer_costs_a_fixed_number_of_queries_however_many_updates(
    client, page, reporter, django_assert_max_num_queries
):
    def cold_answer():
        cache.clear()
        recent_fragments.clear()  # a new process: nothing kept in it either
        # 6: with memberships' rules and tiers (whether the stream is behind a wall).
        with django_assert_max_num_queries(6) as queries:
            assert client.get(poll_url(page)).status_code == 200
        return len(queries)

    updates(page, 2, by=reporter)
    few = cold_answer()
    updates(page, POLL_SIZE + 10, by=reporter)
    assert cold_answer() == few
    assert len(client.get(poll_url(page)).json()["updates"]) == POLL_SIZE
