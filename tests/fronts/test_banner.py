"""The breaking-news banner: set and cleared by an Editor in two clicks, on every page at
once, gone by the clock at its expiry, and never a reason to rebuild the shared pages."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from fronts.models import Banner
from shared.page_cache import page_key
from tests import people

pytestmark = pytest.mark.django_db

BANNER_PAGE = reverse("admin:fronts_banner_changelist")
SET = reverse("admin:fronts_banner_set")
CLEAR = reverse("admin:fronts_banner_clear")


@pytest.fixture
def editor_client():
    client = Client()
    client.force_login(people.editor())
    return client


def set_banner(client, text="Harbour bridge closed after collision", **fields):
    data = {"text": text, "link": "/harbour/", "urgency": "breaking", "expires_in": "", **fields}
    return client.post(SET, data, follow=True)


def test_an_editor_sets_the_banner_in_two_clicks_and_every_reader_sees_it_at_once(
    editor_client, published_article
):
    reader = Client()
    pages = [reverse("articles:home"), published_article.get_absolute_url(), "/search/?q=x"]
    for url in pages:
        assert "Harbour bridge closed" not in reader.get(url).content.decode()
    assert BANNER_PAGE in editor_client.get(reverse("admin:index")).content.decode()
    assert "Put up a banner" in editor_client.get(BANNER_PAGE).content.decode()  # click one
    answer = set_banner(editor_client)  # click two
    assert "The banner is up on every page." in answer.content.decode()
    for url in pages:
        html = reader.get(url).content.decode()
        assert "Harbour bridge closed after collision" in html, url
        assert 'href="/harbour/"' in html


def test_setting_the_banner_rebuilds_no_page_only_fills_each_shell_again(
    editor_client, published_article, django_assert_max_num_queries
):
    reader = Client()
    url = published_article.get_absolute_url()
    reader.get(url)
    assert reader.get(url)["X-Cache"] == "hit"
    shell = cache.get(page_key(RequestFactory().get(url), "shell"))
    set_banner(editor_client)
    # The fronts' state and the banner itself: the page's view does not run again.
    with django_assert_max_num_queries(2):
        answer = reader.get(url)
    assert "Harbour bridge closed" in answer.content.decode()
    kept = cache.get(page_key(RequestFactory().get(url), "shell"))
    assert kept["built_at"] == shell["built_at"]


def test_an_editor_clears_the_banner_in_two_clicks(editor_client):
    set_banner(editor_client)
    reader = Client()
    assert "Harbour bridge closed" in reader.get("/").content.decode()
    assert "Clear the banner" in editor_client.get(BANNER_PAGE).content.decode()
    answer = editor_client.post(CLEAR, follow=True)
    assert "The banner is down." in answer.content.decode()
    assert "Harbour bridge closed" not in reader.get("/").content.decode()
    assert Banner.objects.get().cleared_at is not None  # kept for the record


def test_the_banner_goes_at_its_expiry_with_no_write_and_empties_no_shell(editor_client):
    reader = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        set_banner(editor_client, expires_in="15")
        expiry = Banner.objects.get().expires_at
        assert "Harbour bridge closed" in reader.get("/").content.decode()
        clock.move_to(expiry - timedelta(seconds=1))
        assert "Harbour bridge closed" in reader.get("/").content.decode()
        shell = cache.get(page_key(RequestFactory().get("/"), "shell"))
        assert shell["expires"] > expiry.timestamp() + 60  # only the whole page is capped
        clock.move_to(expiry + timedelta(seconds=1))
        assert "Harbour bridge closed" not in reader.get("/").content.decode()


def test_a_new_banner_replaces_the_one_up(editor_client):
    set_banner(editor_client, text="Storm warning for the coast")
    set_banner(editor_client, text="Ferries cancelled until noon")
    html = Client().get("/").content.decode()
    assert "Ferries cancelled until noon" in html and "Storm warning" not in html


def test_a_banner_without_text_or_with_a_script_link_is_refused_and_the_form_kept(
    editor_client,
):
    answer = set_banner(editor_client, text="Ferries cancelled", link="javascript:alert(1)")
    html = answer.content.decode()
    assert "The link must be an address on this site" in html
    assert 'value="Ferries cancelled"' in html  # what was typed is kept
    assert "This field is required" in set_banner(editor_client, text="").content.decode()
    assert not Banner.objects.exists()


def test_writers_cannot_set_or_clear_the_banner(editor_client):
    set_banner(editor_client)
    writer = Client()
    writer.force_login(people.writer())
    assert "Only editors set and clear the banner." in writer.get(BANNER_PAGE).content.decode()
    assert set_banner(writer, text="A writer's banner").status_code == 403
    assert writer.post(CLEAR).status_code == 403
    html = Client().get("/").content.decode()
    assert "Harbour bridge closed" in html and "A writer" not in html
