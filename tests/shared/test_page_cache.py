"""The anonymous page cache: what it serves, to whom, and with which headers."""

import pytest
from django.test import Client

from tests import factories
from tests.served import served

pytestmark = pytest.mark.django_db


NUMBERED = "/test/numbered/"


@pytest.fixture
def test_views(settings):
    settings.ROOT_URLCONF = "tests.shared.page_cache_urls"


def test_a_second_anonymous_request_is_served_from_the_cache_without_a_query(
    client, published_article, django_assert_num_queries
):
    first = client.get(published_article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(published_article.get_absolute_url())

    assert first.status_code == second.status_code == 200
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content
    assert published_article.headline in second.content.decode()


def test_every_public_page_is_cached_for_anonymous_readers(client, published_article):
    pages = ["/", published_article.category.get_absolute_url(), "/search/?q=harbour"]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit", url


def test_tracking_parameters_and_parameter_order_share_one_entry(client, test_views):
    first = client.get(NUMBERED + "?q=ferry&page=2")
    again = client.get(NUMBERED + "?page=2&q=ferry&utm_source=newsletter&fbclid=xyz")
    other = client.get(NUMBERED + "?page=3&q=ferry")

    assert again.content == first.content
    assert other.content != first.content


def test_a_head_request_is_answered_from_the_cache_without_a_body(client, test_views):
    page = client.get(NUMBERED)
    head = client.head(NUMBERED)

    assert head["X-Cache"] == "hit"
    assert head.content == b""
    assert head["ETag"] == page["ETag"]


def test_anonymous_pages_tell_browsers_and_cdns_to_keep_them_briefly(client, published_article):
    response = client.get(published_article.get_absolute_url())

    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "stale-while-revalidate=300"}


def test_cache_control_follows_the_settings(client, published_article, settings):
    settings.PAGE_CACHE_MAX_AGE = 30
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE = 600

    response = client.get(published_article.get_absolute_url())

    assert "max-age=30" in response["Cache-Control"]
    assert "stale-while-revalidate=600" in response["Cache-Control"]


@pytest.mark.parametrize("cached", [False, True], ids=["first visit", "from the cache"])
def test_a_reader_holding_the_page_gets_a_304_without_a_body(client, published_article, cached):
    url = published_article.get_absolute_url()
    etag = client.get(url)["ETag"]
    if not cached:
        from django.core.cache import cache

        cache.clear()

    response = client.get(url, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert "public" in response["Cache-Control"]


def test_a_reader_holding_an_old_page_gets_the_new_one(client, published_article):
    url = published_article.get_absolute_url()
    old_etag = client.get(url)["ETag"]
    published_article.headline = "Harbour plan approved"
    published_article.save()

    response = client.get(url, headers={"If-None-Match": old_etag})

    assert response.status_code == 200
    assert response["ETag"] != old_etag
    assert "Harbour plan approved" in response.content.decode()


def test_a_logged_in_reader_gets_the_shared_page_with_their_own_parts_privately(
    client, published_article
):
    reader = factories.UserFactory(display_name="Riley Reader")
    url = published_article.get_absolute_url()
    Client().get(url)  # an anonymous reader fills the cache
    client.force_login(reader)

    response = client.get(url)

    assert response["X-Cache"] == "shell"
    assert "Riley Reader" in response.content.decode()
    assert "You need to log in" not in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    # Its forms' token is new on every page, so an ETag could never match.
    assert "ETag" not in response


def test_a_logged_in_readers_page_never_reaches_anonymous_readers(client, published_article):
    reader = factories.UserFactory(display_name="Riley Reader")
    url = published_article.get_absolute_url()
    client.force_login(reader)
    client.get(url)
    client.get("/")

    for page in (url, "/"):
        anonymous = Client().get(page)
        body = anonymous.content.decode()
        assert "Riley Reader" not in body
        assert "csrfmiddlewaretoken" not in body
        assert anonymous.cookies == {}


def test_a_cached_page_never_carries_a_cookie_or_a_csrf_token(client, published_article):
    url = published_article.get_absolute_url()
    client.get("/accounts/login/")  # a reader who opened the login form has a CSRF cookie
    client.get(url)

    response = client.get(url)

    assert response["X-Cache"] == "hit"
    assert "Set-Cookie" not in response
    assert response.cookies == {}
    assert "csrfmiddlewaretoken" not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/test/cookie/", "/test/csrf/", "/test/never/", "/test/flag/"],
    ids=["sets a cookie", "uses CSRF", "never_cache", "request flag"],
)
def test_a_response_that_is_the_readers_own_is_never_stored(client, test_views, url):
    first = Client().get(url)
    second = Client().get(url)

    assert second.content != first.content
    assert second.get("X-Cache") != "hit"
    assert "public" not in second["Cache-Control"]


def test_a_reader_with_a_flash_message_sees_it_on_a_shared_page(client, published_article):
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest, HttpResponse

    url = published_article.get_absolute_url()
    Client().get(url)  # an anonymous reader fills the cache
    request, holder = HttpRequest(), HttpResponse()
    storage = CookieStorage(request)
    storage.add(20, "Check your email to confirm your address.")
    storage.update(holder)
    client.cookies["messages"] = holder.cookies["messages"].value

    response = client.get(url)

    assert "Check your email to confirm your address." in response.content.decode()
    assert "public" not in response["Cache-Control"]
    assert "Check your email" not in Client().get(url).content.decode()


@pytest.mark.parametrize("url", ["/accounts/login/", "/healthz", "/readyz", "/admin/login/"])
def test_accounts_admin_and_health_checks_are_never_cached(url):
    Client().get(url)
    assert Client().get(url).get("X-Cache") is None


def test_a_post_is_never_answered_from_the_cache(client, test_views):
    client.get(NUMBERED)
    response = client.post(NUMBERED)

    assert response.get("X-Cache") is None


def test_a_missing_page_is_cached_only_briefly(client, settings):
    settings.PAGE_CACHE_NOT_FOUND_TIMEOUT = 20
    response = client.get("/articles/not-written-yet/")

    assert response.status_code == 404
    assert "max-age=20" in response["Cache-Control"]
    assert client.get("/articles/not-written-yet/")["X-Cache"] == "hit"


def test_the_page_cache_can_be_switched_off(client, test_views, settings):
    settings.PAGE_CACHE_ENABLED = False

    first = client.get(NUMBERED)
    second = client.get(NUMBERED)

    assert second.content != first.content
    assert "public" in second["Cache-Control"]  # still fit for a CDN
    assert second["ETag"]


def test_repeated_query_parameters_keep_their_order_in_the_cache(client, category):
    from tests.factories import ArticleFactory

    for n in range(30):
        ArticleFactory(published=True, category=category, headline=f"Harbour story {n:02}")
    url = category.get_absolute_url()
    last_wins = client.get(url + "?page=3&page=1").content  # Django answers the last: page 1
    other_way = client.get(url + "?page=1&page=3")  # and here page 3

    assert other_way.status_code == 200
    assert other_way.content != last_wins
    assert client.get(url + "?page=3&page=1").content == last_wins


def test_a_picture_reaches_an_anonymous_reader_through_the_page_cache(client, media_root):
    """Pictures are streamed (a FileResponse): the cache passes them on, never reads them."""
    name = "images/2026/11/0123456789abcdef0123456789abcdef.jpg"
    path = media_root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff\xd8\xff" + b"0" * 20)

    first = client.get(f"/media/{name}")
    again = client.get(f"/media/{name}")

    assert first.status_code == again.status_code == 200
    assert b"".join(again.streaming_content) == path.read_bytes()
    assert again.get("X-Cache") != "hit"


def test_a_cached_page_reaches_the_server_with_every_header_it_was_built_with(test_views):
    built_status, built, _ = served(NUMBERED)
    hit_status, hit, _ = served(NUMBERED)

    assert built_status == hit_status == "200 OK"
    assert dict(hit)["X-Cache"] == "hit"
    # Everything but the request's own id and the cache's answer is the same, security
    # headers included.
    same = {"X-Request-ID", "X-Cache"}
    assert [pair for pair in hit if pair[0] not in same] == [
        pair for pair in built if pair[0] not in same
    ]
    assert {"Content-Security-Policy", "X-Content-Type-Options", "ETag"} <= dict(hit).keys()


def test_each_host_has_its_own_page_and_a_refused_host_is_refused_every_time(
    client, test_views, settings
):
    """The host is validated once per Host header and remembered: a host Django refuses is
    never remembered, and a host taken off ALLOWED_HOSTS is refused at once."""
    settings.ALLOWED_HOSTS = ["news.example", "other.example"]
    first = client.get(NUMBERED, HTTP_HOST="news.example")
    again = client.get(NUMBERED, HTTP_HOST="news.example")
    other = client.get(NUMBERED, HTTP_HOST="other.example")

    assert again["X-Cache"] == "hit" and again.content == first.content
    assert other["X-Cache"] == "miss" and other.content != first.content
    for _ in range(2):
        assert client.get(NUMBERED, HTTP_HOST="evil.example").status_code == 400

    settings.ALLOWED_HOSTS = ["other.example"]
    assert client.get(NUMBERED, HTTP_HOST="news.example").status_code == 400
    assert client.get(NUMBERED, HTTP_HOST="other.example")["X-Cache"] == "hit"


def test_a_changed_page_cache_setting_applies_at_once(client, test_views, settings):
    client.get(NUMBERED)
    assert client.get(NUMBERED)["X-Cache"] == "hit"

    settings.PAGE_CACHE_EXCLUDED_PATHS = ("/test/",)
    assert client.get(NUMBERED).get("X-Cache") is None

    settings.PAGE_CACHE_EXCLUDED_PATHS = ("/admin/",)
    settings.PAGE_CACHE_BYPASS_COOKIES = ("preview_as",)
    client.cookies["preview_as"] = "editor"
    assert "public" not in client.get(NUMBERED)["Cache-Control"]
