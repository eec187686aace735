import json

import extruct
import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve, reverse

from articles.models import SiteIdentity
from articles.syndication.structured_data import json_ld_script
from tests.articles.factories import ImageFactory
from tests.articles.seo_factories import TRICKY_HEADLINE, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def json_ld(client, url):
    response = client.get(url)
    assert response.status_code == 200
    data = extruct.extract(
        response.content.decode(), base_url="http://testserver" + url, syntaxes=["json-ld"]
    )
    return {item["@type"]: item for item in data["json-ld"]}


def test_article_page_describes_a_news_article_with_every_field(client, world):
    logo = ImageFactory(size=(600, 60))
    SiteIdentity.objects.create(name="The Harbour Herald", language="en-GB", logo=logo)
    article = world.older
    article.tags.add("budget")
    url = article.get_absolute_url()
    canonical = "http://testserver" + url
    news = json_ld(client, url)["NewsArticle"]
    assert news["@context"] == "https://schema.org"
    assert news["headline"] == article.headline
    assert news["description"] == article.standfirst
    [image] = news["image"]
    assert image["url"] == "http://testserver" + article.featured_image.file.url
    assert (image["width"], image["height"]) == (1200, 630)
    assert news["datePublished"] == article.published_at.isoformat(timespec="seconds")
    # Never corrected nor edited since it went live: modified when published.
    assert news["dateModified"] == article.published_at.isoformat(timespec="seconds")
    assert news["author"] == [
        {"@type": "Person", "name": "Amara Okafor", "url": "http://testserver/author/amara-okafor/"}
    ]
    publisher = news["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "The Harbour Herald"
    assert publisher["logo"]["url"] == "http://testserver" + logo.file.url
    assert (publisher["logo"]["width"], publisher["logo"]["height"]) == (600, 60)
    assert news["mainEntityOfPage"] == {"@type": "WebPage", "@id": canonical}
    assert news["articleSection"] == "Harbour"
    assert sorted(news["keywords"]) == ["budget", "tides"]
    assert news["inLanguage"] == "en-GB"


def test_article_page_carries_breadcrumbs_from_home_through_its_category(client, world):
    crumbs = json_ld(client, world.newer.get_absolute_url())["BreadcrumbList"]
    assert [
        (item["position"], item["name"], item["item"]) for item in crumbs["itemListElement"]
    ] == [
        (1, "Newsroom", "http://testserver/"),
        (2, "Harbour", "http://testserver/category/harbour/"),
        (3, "Newer published story", "http://testserver" + world.newer.get_absolute_url()),
    ]


def test_seo_overrides_reach_the_structured_data(client, world):
    world.newer.seo_description = "A sharper summary for search."
    world.newer.social_image = ImageFactory(size=(1600, 900))
    world.newer.save()
    news = json_ld(client, world.newer.get_absolute_url())["NewsArticle"]
    assert news["description"] == "A sharper summary for search."
    assert news["image"][0]["width"] == 1600


def test_home_page_describes_the_website_and_its_search(client, world):
    website = json_ld(client, reverse("articles:home"))["WebSite"]
    assert website["name"] == "Newsroom"
    assert website["url"] == "http://testserver/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_author_page_describes_the_person(client, world):
    person = json_ld(client, world.author.get_absolute_url())["Person"]
    assert person == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Amara Okafor",
        "url": "http://testserver/author/amara-okafor/",
        "description": "Covers the harbour.",
    }


def test_category_and_tag_pages_carry_breadcrumbs(client, world):
    for url, name in (("/category/harbour/", "Harbour"), ("/tag/tides/", "tides")):
        crumbs = json_ld(client, url)["BreadcrumbList"]["itemListElement"]
        assert crumbs[-1] == {
            "@type": "ListItem",
            "position": 2,
            "name": name,
            "item": "http://testserver" + url,
        }


def test_a_tricky_headline_round_trips_and_cannot_leave_the_script_element(client, world):
    world.newer.headline = TRICKY_HEADLINE
    world.newer.save()
    response = client.get(world.newer.get_absolute_url())
    html = response.content.decode()
    head = html[: html.index("</head>")]
    blocks = head.split('<script type="application/ld+json">')[1:]
    assert len(blocks) == 2
    for block in blocks:
        body = block[: block.index("</script>")]
        assert "<" not in body and ">" not in body and "\u2028" not in body
        json.loads(body)  # the element holds the whole JSON and nothing else
    news = json_ld(client, world.newer.get_absolute_url())["NewsArticle"]
    assert news["headline"] == TRICKY_HEADLINE


def test_json_ld_script_escapes_everything_an_html_parser_reacts_to():
    tag = json_ld_script({"headline": "</script><!-- & \u2028 \u2029 🚀"})
    assert tag == (
        '<script type="application/ld+json">{"headline":'
        '"\\u003C/script\\u003E\\u003C!-- \\u0026 \\u2028 \\u2029 🚀"}</script>'
    )


@pytest.mark.parametrize("trait", ["draft", "review", "scheduled"])
def test_a_page_holding_an_unpublished_article_never_describes_it(world, trait):
    # A staff preview renders the article template with a draft in its context.
    article = next(a for a in world.hidden if a.headline.lower().startswith(trait[:5]))
    request = RequestFactory().get(article.get_absolute_url())
    request.resolver_match = resolve(article.get_absolute_url())
    html = Template('{% include "includes/seo_head.html" %}').render(
        Context({"request": request, "article": article})
    )
    assert "NewsArticle" not in html
    assert article.headline not in html
    assert 'property="og:type" content="article"' not in html
