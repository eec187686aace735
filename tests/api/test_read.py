"""The read API as a client sees it: shapes, filters, what stays private, errors."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.images import whole_picture_sources
from articles.models import Article, Correction
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def results(client, query=""):
    response = client.get(f"/api/v1/articles/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def slugs(client, query=""):
    return [item["slug"] for item in results(client, query)]


def test_an_article_carries_everything_a_partner_site_needs(client, category, author):
    picture = ImageFactory()
    article = ArticleFactory(
        published=True,
        category=category,
        authors=[author],
        tags=["Harbour", "Council"],
        featured_image=picture,
        body="The council **met**.",
    )
    Correction.objects.create(article=article, note="It met on Tuesday, not Monday.")

    item = client.get(f"/api/v1/articles/{article.slug}/").json()

    assert item["id"] == article.pk
    assert item["url"] == f"http://testserver/articles/{article.slug}/"
    assert item["headline"] == article.headline
    assert item["body_html"] == "<p>The council <strong>met</strong>.</p>"
    assert item["category"]["url"] == f"http://testserver/category/{category.slug}/"
    assert [tag["name"] for tag in item["tags"]] == ["Council", "Harbour"]
    assert item["tags"][0]["url"] == "http://testserver/tag/council/"
    assert item["authors"] == [
        {
            "id": author.pk,
            "slug": author.slug,
            "name": "Amara Okafor",
            "bio": "",
            "url": f"http://testserver/author/{author.slug}/",
        }
    ]
    assert item["image"]["alt_text"] == picture.alt_text
    assert {r["format"] for r in item["image"]["renditions"]} == {"webp", "jpeg"}
    assert all(r["url"].startswith("http://testserver/") for r in item["image"]["renditions"])
    assert item["corrections"][0]["note"] == "It met on Tuesday, not Monday."
    assert item["published_at"] and item["updated_at"]
    assert set(item) >= {"standfirst", "slug"}


def test_the_list_is_newest_first_with_results_and_next(client):
    now = timezone.now()
    for hours in (3, 1, 2):
        ArticleFactory(published=True, slug=f"h{hours}", published_at=now - timedelta(hours=hours))

    body = client.get("/api/v1/articles/").json()

    assert [item["slug"] for item in body["results"]] == ["h1", "h2", "h3"]
    assert body["next"] is None


@pytest.mark.parametrize(
    "state",
    [
        {"status": Status.DRAFT},
        {"status": Status.IN_REVIEW},
        {"status": Status.ARCHIVED, "published_at": timezone.now() - timedelta(days=2)},
        {"scheduled": True},
        {"status": Status.DRAFT, "published_at": timezone.now() - timedelta(days=2)},
    ],
    ids=["draft", "in review", "archived", "scheduled", "unpublished draft with a past date"],
)
def test_an_unpublished_article_answers_404_and_is_in_no_list(client, state):
    hidden = ArticleFactory(slug="secret-plan", tags=["Secret"], **state)
    ArticleFactory(published=True, slug="public-plan")

    assert client.get("/api/v1/articles/secret-plan/").status_code == 404
    assert client.get("/api/v1/articles/secret-plan/").json() == {"detail": "Not found."}
    assert slugs(client) == ["public-plan"]
    assert slugs(client, f"?category={hidden.category.slug}") == []
    assert slugs(client, "?tag=secret") == []
    assert slugs(client, "?q=harbour") == ["public-plan"]
    tags = client.get("/api/v1/tags/").json()["results"]
    assert "secret" not in [tag["slug"] for tag in tags]
    authors = client.get("/api/v1/authors/").json()["results"]
    assert hidden.authors.get().slug not in [person["slug"] for person in authors]


def test_lists_filter_by_category_tag_author_and_update_time(client):
    sport, writer = CategoryFactory(slug="sport"), UserFactory(display_name="Sam Sport")
    old = ArticleFactory(published=True, slug="old", category=sport, tags=["Boats"])
    ArticleFactory(published=True, slug="boats", tags=["Boats"], authors=[writer])
    ArticleFactory(published=True, slug="other")
    long_ago = timezone.now() - timedelta(days=30)
    Article.objects.filter(slug="old").update(updated_at=long_ago)

    assert slugs(client, "?category=sport") == ["old"]
    assert sorted(slugs(client, "?tag=boats")) == ["boats", "old"]
    assert slugs(client, f"?author={writer.slug}") == ["boats"]
    assert slugs(client, "?tag=boats&category=sport") == ["old"]
    since = (timezone.now() - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    assert "old" not in slugs(client, f"?updated_since={since}")
    assert slugs(client, "?category=no-such-section") == []
    assert old.pk in [item["id"] for item in results(client, "?updated_since=2000-01-01")]


def test_search_uses_the_site_search_and_finds_only_published_articles(client):
    ArticleFactory(published=True, slug="lighthouse", headline="The lighthouse keeper retires")
    ArticleFactory(slug="lighthouse-draft", headline="Lighthouse plans leaked")
    ArticleFactory(published=True, slug="bakery", headline="A bakery opens")

    assert slugs(client, "?q=lighthouse") == ["lighthouse"]


def test_an_old_slug_of_a_published_article_redirects_to_its_new_address(client, editor):
    from articles.services import article_record_old_slug

    article = ArticleFactory(published=True, slug="new-name")
    article_record_old_slug(article=article, old_slug="old-name")

    response = client.get("/api/v1/articles/old-name/")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/articles/new-name/"


def test_categories_tags_and_authors_are_listed_with_their_public_pages(client, author):
    ArticleFactory(published=True, tags=["Boats"], authors=[author], category__slug="harbour")

    categories = client.get("/api/v1/categories/").json()
    tags = client.get("/api/v1/tags/").json()
    authors = client.get("/api/v1/authors/").json()

    harbour = next(c for c in categories["results"] if c["slug"] == "harbour")
    assert harbour["url"] == "http://testserver/category/harbour/"
    assert tags == {
        "next": None,
        "results": [
            {
                "id": tags["results"][0]["id"],
                "slug": "boats",
                "name": "Boats",
                "url": "http://testserver/tag/boats/",
            }
        ],
    }
    assert [person["name"] for person in authors["results"]] == ["Amara Okafor"]


def test_static_pages_lists_the_published_pages_only(client):
    from pages.models import Page

    about = Page.objects.create(
        title="About us", slug="about", body="We **report**.", is_published=True
    )
    Page.objects.create(title="Masthead", slug="masthead", body="Soon.", is_published=False)
    assert client.get("/api/v1/pages/").json() == {
        "results": [
            {
                "id": about.pk,
                "slug": "about",
                "url": "http://testserver/about/",
                "title": "About us",
                "body_html": "<p>We <strong>report</strong>.</p>",
            }
        ],
        "next": None,
    }


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?limit=0", "limit"),
        ("?limit=1000", "limit"),
        ("?limit=ten", "limit"),
        ("?updated_since=yesterday", "updated_since"),
        ("?updated_since=9999-12-31T23:59:59-05:00", "updated_since"),
        ("?updated_since=0001-01-01T00:00:00%2B05:00", "updated_since"),
        ("?cursor=not-a-cursor", "cursor"),
        ("?cursor=eyJhdCI6MX0", "cursor"),
        ("?cursor=eyJhdCI6Im5vIiwiaWQiOiJ4In0", "cursor"),
        ("?category=a%20b", "category"),
        ("?q=%21%21%21", "q"),
        ("?q=harbour&tag=boats", "tag"),
        ("?q=" + "x" * 600, "q"),
    ],
)
def test_a_bad_parameter_gets_a_400_naming_it(client, query, parameter):
    ArticleFactory(published=True)

    response = client.get(f"/api/v1/articles/{query}")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["parameter"] == parameter
    assert parameter in response.json()["detail"] or response.json()["detail"]


def test_a_bad_cursor_on_tags_gets_a_400_too(client):
    response = client.get("/api/v1/tags/?cursor=%%%")

    assert response.status_code == 400
    assert response.json()["parameter"] == "cursor"


def test_an_unknown_address_under_the_api_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_list_costs_the_same_queries_for_one_article_or_many(
    client, django_assert_max_num_queries, warm_content_types
):
    for n in range(25):
        ArticleFactory(published=True, tags=[f"tag {n}"], featured_image=None)
    with django_assert_max_num_queries(8):
        assert len(results(client, "?limit=25")) == 25


def test_an_address_missing_its_final_slash_is_sent_to_it(client):
    response = client.get("/api/v1/articles?tag=boats")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/articles/?tag=boats"


def test_one_article_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, warm_content_types, published_article
):
    published_article.tags.add("One", "Two", "Three")
    # 7: with memberships' rules and tiers (whether the body is behind a wall), kept after.
    with django_assert_max_num_queries(7):
        assert client.get(f"/api/v1/articles/{published_article.slug}/").status_code == 200


def test_image_and_link_addresses_in_body_html_are_absolute(client):
    picture = ImageFactory()
    article = ArticleFactory(
        published=True,
        body=f"See [the harbour](/tag/harbour/?a=1&b=2) and [elsewhere](https://example.org/x)."
        f"\n\n[[image {picture.pk}]]",
    )

    html = client.get(f"/api/v1/articles/{article.slug}/").json()["body_html"]

    copies = whole_picture_sources(picture)
    assert f'src="http://testserver{copies["src"]}"' in html
    # Both srcsets (WebP and JPEG), every candidate: a browser picks from them before src.
    for srcset in re.findall(r'srcset="([^"]*)"', html):
        urls = [candidate.split(" ")[0] for candidate in srcset.split(", ")]
        assert urls and all(url.startswith("http://testserver/media/renditions/") for url in urls)
    assert len(re.findall(r'srcset="', html)) == 2
    assert 'href="http://testserver/tag/harbour/?a=1&amp;b=2"' in html
    assert 'href="https://example.org/x"' in html
    assert 'src="/' not in html and 'href="/' not in html and " /media/" not in html


def test_a_static_pages_links_are_absolute_too(client):
    from pages.models import Page

    Page.objects.create(title="About", slug="about", body="[Contact](/contact/)", is_published=True)

    html = client.get("/api/v1/pages/").json()["results"][0]["body_html"]

    assert 'href="http://testserver/contact/"' in html


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/elsewhere", "/api/v2/"])
def test_an_unknown_address_under_the_api_is_a_json_404_for_every_method(method, path):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # as a real client: no CSRF token, no cookie

    body = {} if method == "get" else {"data": "{}", "content_type": "application/json"}
    response = getattr(client, method)(path, **body)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_a_method_an_address_does_not_take_is_a_json_405(client):
    response = client.delete("/api/v1/articles/")

    assert response.status_code == 405
    assert "GET" in response["Allow"]
    assert "GET" in response.json()["detail"]


def test_the_api_root_is_a_json_index_of_absolute_links(client, make_key):
    response = client.get("/api/v1/", headers={"X-API-Key": make_key()})

    assert response.status_code == 200
    index = response.json()
    assert index["openapi"] == "http://testserver/api/v1/openapi.json"
    assert index["resources"]["articles"] == "http://testserver/api/v1/articles/"
    assert index["resources"]["staff_articles"] == "http://testserver/api/v1/staff/articles/"
    for url in index["resources"].values():
        assert client.get(url).status_code in (200, 401, 405)


def test_an_over_long_address_is_a_json_414(client):
    response = client.get("/api/v1/articles/?q=" + "harbour+" * 300)

    assert response.status_code == 414
    assert "too long" in response.json()["detail"]


def test_updated_since_with_any_offset_is_read_in_utc(client):
    article = ArticleFactory(published=True)
    just_before = article.updated_at - timedelta(seconds=1)
    far_east = just_before.astimezone(timezone.get_fixed_timezone(18 * 60 + 40)).isoformat()

    response = client.get("/api/v1/articles/", {"updated_since": far_east})

    assert [item["slug"] for item in response.json()["results"]] == [article.slug]
