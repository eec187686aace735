"""The API is served from the page cache: ETag and 304, CDN headers, invalidation, CORS."""

import pytest

from articles import services
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_an_answer_has_an_etag_and_a_client_holding_it_gets_304(client, published_article):
    url = f"/api/v1/articles/{published_article.slug}/"
    first = client.get(url)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert first["ETag"]
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_answers_are_public_for_a_cdn_and_repeat_from_the_page_cache(client, published_article):
    first = client.get("/api/v1/articles/")
    second = client.get("/api/v1/articles/")

    assert "public" in first["Cache-Control"]
    assert "max-age" in first["Cache-Control"]
    assert (first["X-Cache"], second["X-Cache"]) == ("miss", "hit")
    assert second.content == first.content


def test_a_keyed_read_is_served_from_the_same_cached_entry(client, published_article, make_key):
    client.get("/api/v1/articles/")

    keyed = client.get("/api/v1/articles/", headers={"X-API-Key": make_key()})

    assert keyed.status_code == 200
    assert keyed["X-Cache"] == "hit"


def test_publishing_changes_the_cached_list_at_once(client, published_article):
    from tests import people

    draft = ArticleFactory(slug="breaking")
    before = client.get("/api/v1/articles/")

    services.article_publish(article=draft, user=people.editor())
    after = client.get("/api/v1/articles/", headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["results"][0]["slug"] == "breaking"


def test_unpublishing_turns_the_cached_article_into_a_404(client, published_article):
    from tests import people

    url = f"/api/v1/articles/{published_article.slug}/"
    assert client.get(url).status_code == 200

    services.article_unpublish(article=published_article, user=people.editor())

    assert client.get(url).status_code == 404


def test_any_site_may_read_the_api_from_a_browser(client, published_article):
    response = client.get("/api/v1/articles/", headers={"Origin": "https://partner.example"})
    preflight = client.options(
        "/api/v1/articles/",
        headers={
            "Origin": "https://partner.example",
            "Access-Control-Request-Headers": "x-api-key",
        },
    )

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Vary" not in response or "Origin" not in response["Vary"]
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "X-API-Key" in preflight["Access-Control-Allow-Headers"]
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_cors_stays_off_the_rest_of_the_site(client, published_article):
    assert "Access-Control-Allow-Origin" not in client.get("/")


def test_head_answers_like_get_without_a_body(client, published_article):
    get = client.get("/api/v1/articles/")
    head = client.head("/api/v1/articles/")

    assert head.status_code == 200
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_correction_changes_the_cached_article_at_once(client, published_article):
    from tests import people

    url = f"/api/v1/articles/{published_article.slug}/"
    assert client.get(url).json()["corrections"] == []
    assert client.get(url)["X-Cache"] == "hit"

    services.correction_add(article=published_article, user=people.editor(), note="Tuesday.")
    after = client.get(url)

    assert after["X-Cache"] == "miss"
    assert [c["note"] for c in after.json()["corrections"]] == ["Tuesday."]


def test_a_correction_changes_the_cached_list_and_search_at_once(client, published_article):
    from tests import people

    urls = ["/api/v1/articles/", f"/api/v1/articles/?q={published_article.headline.split()[0]}"]
    for url in urls:
        assert client.get(url).json()["results"][0]["corrections"] == []
        assert client.get(url)["X-Cache"] == "hit"

    services.correction_add(article=published_article, user=people.editor(), note="Tuesday.")

    for url in urls:
        item = client.get(url).json()["results"][0]
        assert [c["note"] for c in item["corrections"]] == ["Tuesday."], url


def test_a_picture_given_new_words_changes_the_cached_list_and_article_at_once(client):
    picture = ImageFactory(alt_text="A harbour at dawn")
    story = ArticleFactory(published=True, slug="harbour", featured_image=picture)
    urls = ["/api/v1/articles/", f"/api/v1/articles/{story.slug}/"]
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Cache"] == "hit"

    picture.alt_text = "The harbour's cranes at dawn"
    picture.save()

    assert client.get(urls[0]).json()["results"][0]["image"]["alt_text"] == picture.alt_text
    assert client.get(urls[1]).json()["image"]["alt_text"] == picture.alt_text
