from html.parser import HTMLParser

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import resolve, reverse

from articles import access
from articles.models import Article, SiteIdentity
from tests.articles.factories import ImageFactory
from tests.articles.seo_factories import TRICKY_HEADLINE, build_world, make_author
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


class HeadParser(HTMLParser):
    """Collects <meta> and <link> tags the way a crawler reads them (entities decoded)."""

    def __init__(self):
        super().__init__()
        self.meta, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            self.meta.append((attrs.get("property") or attrs.get("name"), attrs["content"]))
        elif tag == "link":
            self.links.append(attrs)


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    parser = HeadParser()
    html = response.content.decode()
    parser.feed(html[: html.index("</head>")])
    return parser


def values(parser, key):
    return [content for name, content in parser.meta if name == key]


def one(parser, key):
    [value] = values(parser, key)
    return value


def test_article_page_carries_opengraph_and_twitter_card(client, world):
    article = world.older
    parsed = head(client, article.get_absolute_url())
    image = article.featured_image
    assert one(parsed, "og:type") == "article"
    assert one(parsed, "og:title") == "Older published story"
    assert one(parsed, "og:description") == article.standfirst
    assert one(parsed, "og:url") == "http://testserver" + article.get_absolute_url()
    assert one(parsed, "og:image") == "http://testserver" + image.file.url
    assert (one(parsed, "og:image:width"), one(parsed, "og:image:height")) == ("1200", "630")
    assert one(parsed, "og:image:alt") == image.alt_text
    assert one(parsed, "article:published_time") == article.published_at.isoformat("T", "seconds")
    assert one(parsed, "article:modified_time") == article.published_at.isoformat("T", "seconds")
    assert one(parsed, "article:section") == "Harbour"
    assert values(parsed, "article:tag") == ["tides"]
    assert values(parsed, "article:author") == ["http://testserver/author/amara-okafor/"]
    assert one(parsed, "twitter:card") == "summary_large_image"
    assert one(parsed, "twitter:title") == "Older published story"
    assert one(parsed, "twitter:image") == "http://testserver" + image.file.url


def test_editors_override_the_seo_title_description_and_social_image(client, world):
    article = world.older
    article.seo_title = "Harbour vote: what it means"
    article.seo_description = "Five things to know."
    article.social_image = ImageFactory(size=(1600, 900), alt_text="The council chamber")
    article.save()
    parsed = head(client, article.get_absolute_url())
    assert one(parsed, "og:title") == one(parsed, "twitter:title") == "Harbour vote: what it means"
    assert one(parsed, "og:description") == "Five things to know."
    assert one(parsed, "og:image") == "http://testserver" + article.social_image.file.url
    assert (one(parsed, "og:image:width"), one(parsed, "og:image:height")) == ("1600", "900")
    assert one(parsed, "og:image:alt") == "The council chamber"


def test_pages_without_a_picture_share_the_site_default_image(client, world):
    default = ImageFactory(size=(1200, 675))
    SiteIdentity.objects.create(name="The Harbour Herald", default_social_image=default)
    for url in ("/", world.newer.get_absolute_url(), "/category/harbour/"):
        parsed = head(client, url)
        assert one(parsed, "og:image") == "http://testserver" + default.file.url
        assert one(parsed, "og:site_name") == "The Harbour Herald"


def test_a_tricky_headline_round_trips_through_opengraph(client, world):
    world.newer.headline = TRICKY_HEADLINE
    world.newer.save()
    parsed = head(client, world.newer.get_absolute_url())
    assert one(parsed, "og:title") == TRICKY_HEADLINE
    assert one(parsed, "twitter:title") == TRICKY_HEADLINE


def canonical(parsed):
    [link] = [link for link in parsed.links if link.get("rel") == "canonical"]
    return link["href"]


def test_canonical_url_drops_tracking_parameters_but_keeps_the_page(client):
    category = CategoryFactory(slug="markets")
    author = make_author()
    for _ in range(14):  # two pages of twelve
        ArticleFactory(published=True, category=category, authors=[author])
    first = head(client, "/category/markets/?utm_source=newsletter&fbclid=abc")
    assert canonical(first) == "http://testserver/category/markets/"
    second = head(client, "/category/markets/?page=2&utm_campaign=x")
    assert canonical(second) == "http://testserver/category/markets/?page=2"


def feeds(parsed):
    return [(link["type"], link["href"]) for link in parsed.links if link.get("rel") == "alternate"]


def test_every_page_links_the_site_feeds_and_section_pages_their_own(client, world):
    site = [("application/rss+xml", "/feeds/rss/"), ("application/atom+xml", "/feeds/atom/")]
    assert feeds(head(client, "/")) == site
    sections = {
        "/category/harbour/": "/feeds/category/harbour/",
        "/tag/tides/": "/feeds/tag/tides/",
        "/author/amara-okafor/": "/feeds/author/amara-okafor/",
    }
    for page, prefix in sections.items():
        assert feeds(head(client, page)) == site + [
            ("application/rss+xml", prefix + "rss/"),
            ("application/atom+xml", prefix + "atom/"),
        ]
    for _, href in feeds(head(client, "/tag/tides/")):
        assert client.get(href).status_code == 200


def render_head(path, **context):
    request = RequestFactory().get(path)
    request.resolver_match = None
    return Template('{% include "includes/seo_head.html" %}').render(
        Context({"request": request, **context})
    )


@pytest.mark.parametrize("path", ["/search/?q=harbour", "/accounts/login/", "/preview/abc/"])
def test_search_account_and_preview_pages_ask_search_engines_not_to_index(db, path):
    html = render_head(path)
    assert '<meta name="robots" content="noindex, follow">' in html
    assert 'rel="canonical"' not in html


def test_any_view_can_ask_for_noindex_through_its_context(db):
    assert 'content="noindex, follow"' in render_head("/anything/", noindex=True)
    assert "noindex" not in render_head("/anything/")


def test_the_login_page_is_noindex(client):
    assert 'content="noindex, follow"' in client.get(reverse("login")).content.decode()


def test_public_pages_are_indexable(client, world):
    for url in ("/", world.newer.get_absolute_url(), "/category/harbour/"):
        assert "noindex" not in client.get(url).content.decode()


def test_site_identity_edits_show_at_once_without_a_deploy(client, world):
    assert one(head(client, "/"), "og:site_name") == "Newsroom"
    identity = SiteIdentity.objects.create(name="The Harbour Herald", language="en-GB")
    assert one(head(client, "/"), "og:site_name") == "The Harbour Herald"
    identity.name = "Harbour Herald Daily"
    identity.save()
    parsed = head(client, "/")
    assert one(parsed, "og:site_name") == "Harbour Herald Daily"
    assert one(parsed, "og:locale") == "en_GB"


@pytest.mark.parametrize("size", [1, 12])
def test_head_metadata_costs_no_query_whatever_the_tags_and_authors(
    django_assert_num_queries, size
):
    article = ArticleFactory(
        published=True,
        authors=[make_author() for _ in range(size)],
        tags=[f"tag{n}" for n in range(size)],
        featured_image=ImageFactory(),
    )
    SiteIdentity.current()  # read once per edit, from the shared cache after that
    access.is_withheld(article)  # who may read it: shared data too, read once per change
    # Loaded as the article page loads it: category, image, authors, tags, corrections.
    article = (
        Article.objects.published()
        .for_listing()
        .prefetch_related("tags", "corrections")
        .get(pk=article.pk)
    )
    request = RequestFactory().get(article.get_absolute_url())
    request.resolver_match = resolve(article.get_absolute_url())
    with django_assert_num_queries(0):
        html = Template('{% include "includes/seo_head.html" %}').render(
            Context({"request": request, "article": article})
        )
    assert html.count('property="article:tag"') == size


def test_an_author_without_a_bio_is_described_by_name(client):
    author = make_author(display_name="Ben Ito", bio="")
    ArticleFactory(published=True, category=CategoryFactory(), authors=[author])
    assert one(head(client, author.get_absolute_url()), "description") == "Stories by Ben Ito."


def test_an_author_page_is_described_by_the_first_thirty_words_of_the_bio(client):
    bio = " ".join(f"word{n}" for n in range(40))
    author = make_author(display_name="Ben Ito", bio=bio)
    ArticleFactory(published=True, category=CategoryFactory(), authors=[author])
    described = one(head(client, author.get_absolute_url()), "description")
    assert described == " ".join(f"word{n}" for n in range(30)) + " …"
