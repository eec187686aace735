from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleReadCount, Category
from articles.trending import hour_of
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_archive(size, category, authors, image=None):
    tags = ["harbour", "council", "budget"]
    for _ in range(size):
        ArticleFactory(
            published=True, category=category, authors=authors, tags=tags, featured_image=image
        )


def add_reads(article, reads, hours_ago=0):
    ArticleReadCount.objects.create(
        article=article, hour=hour_of(timezone.now()) - timedelta(hours=hours_ago), reads=reads
    )


def test_home_lists_published_articles_with_featured_first(client, category, author):
    older_featured = ArticleFactory(
        published=True,
        category=category,
        authors=[author],
        is_featured=True,
        headline="Featured lead story",
    )
    ArticleFactory(published=True, category=category, authors=[author], headline="Newer story")
    ArticleFactory(category=category, headline="A draft nobody should see")
    html = client.get(reverse("articles:home")).content.decode()
    assert html.index(older_featured.headline) < html.index("Newer story")
    assert "A draft nobody should see" not in html


def test_home_has_a_rail_per_category_in_the_bars_order_then_trending_and_latest(client):
    later = CategoryFactory(name="Zeta desk", slug="zeta", position=2000)
    earlier = CategoryFactory(name="Alpha desk", slug="alpha", position=1999)
    for n in range(7):  # five fill the lead and top stories, the rest go to the rails
        ArticleFactory(published=True, category=later, headline=f"Zeta story {n}")
    ArticleFactory(
        published=True,
        category=earlier,
        headline="Alpha story",
        published_at=timezone.now() - timedelta(days=3),
    )
    html = client.get(reverse("articles:home")).content.decode()
    assert html.count("<h1") == 1
    assert html.index('id="rail-alpha"') < html.index('id="rail-zeta"')
    assert "Trending now" in html
    assert 'id="latest-heading"' in html
    assert "Alpha story" in html


def test_every_page_shows_the_thirteen_seeded_categories_in_order(client):
    html = client.get(reverse("articles:home")).content.decode()
    names = [
        "Trending News",
        "Blog",
        "Business",
        "Entertainment",
        "Environment",
        "Health",
        "Lifestyle",
        "News Analysis",
        "Opinion",
        "Science",
        "Sports",
        "Technology",
        "World News",
    ]
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)


def test_every_page_offers_a_labelled_search_box(client):
    html = client.get(reverse("articles:home")).content.decode()
    assert 'role="search"' in html
    assert '<label for="site-search"' in html


def test_article_page_shows_headline_byline_dates_body_tags_and_category(
    client, published_article, author
):
    published_article.tags.add("harbour")
    response = client.get(published_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="article__headline">{published_article.headline}</h1>' in html
    byline = BeautifulSoup(html, "html5lib").select_one('.article__byline a[rel="author"]')
    assert (byline["href"], byline.get_text()) == (author.get_absolute_url(), author.public_name)
    assert f'datetime="{published_article.published_at.isoformat(timespec="seconds")}"' in html
    assert "1 min read" in html
    assert "It was a long night." in html
    assert reverse("articles:tag", args=["harbour"]) in html
    assert published_article.category.get_absolute_url() in html
    assert 'id="comments"' in html


def test_article_page_shows_the_featured_image_with_caption_and_credit(client, category):
    image = ImageFactory(caption="Boats at dawn.", credit="Ana Reyes")
    article = ArticleFactory(published=True, category=category, featured_image=image)
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'alt="Fishing boats tied up in the harbour at dawn"' in html
    assert 'fetchpriority="high"' in html
    assert "Boats at dawn." in html
    assert "Photo: Ana Reyes" in html


def test_updated_time_shows_only_when_the_article_changed_after_publishing(client, category):
    article = ArticleFactory(published=True, category=category)
    assert "Updated" not in client.get(article.get_absolute_url()).content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=3)):
        article.body += "\n\nA correction was added."
        article.save()
        html = client.get(article.get_absolute_url()).content.decode()
    assert "Updated <time" in html


def test_article_page_offers_share_links_for_every_network_and_email(client, published_article):
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "Share this post on" in html
    for network in [
        "facebook.com/sharer",
        "x.com/intent",
        "linkedin.com/sharing",
        "wa.me",
        "t.me/share",
        "reddit.com/submit",
        "mailto:",
    ]:
        assert network in html
    assert "http%3A%2F%2Ftestserver%2Farticles%2F" in html


def test_related_articles_put_shared_tags_first_then_the_same_category(client, category):
    other = CategoryFactory()
    article = ArticleFactory(published=True, category=category, tags=["harbour", "budget"])
    ArticleFactory(published=True, category=category, headline="Same section, no tags")
    ArticleFactory(published=True, category=other, tags=["harbour", "budget"], headline="Two tags")
    ArticleFactory(published=True, category=other, tags=["harbour"], headline="One tag")
    ArticleFactory(category=category, tags=["harbour", "budget"], headline="Draft with tags")
    ArticleFactory(published=True, category=other, headline="Unrelated story")
    html = client.get(article.get_absolute_url()).content.decode()
    related = html[html.index('id="related-heading"') : html.index('id="comments"')]
    assert related.index("Two tags") < related.index("One tag")
    assert related.index("One tag") < related.index("Same section, no tags")
    assert "Draft with tags" not in related
    assert "Unrelated story" not in related
    assert article.headline not in related


@pytest.mark.parametrize("trait", ["draft", "scheduled", "review", "archived"])
def test_unpublished_articles_answer_404_to_the_public(client, category, trait):
    if trait == "scheduled":
        article = ArticleFactory(scheduled=True, category=category)
    else:
        article = ArticleFactory(status=trait, category=category)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "find that page" in response.content.decode()


def test_category_page_lists_only_its_published_articles_and_paginates(client, settings):
    business = CategoryFactory(name="Markets", slug="markets", description="Money and trade.")
    other = CategoryFactory(name="Sport", slug="sport")
    for n in range(14):
        ArticleFactory(published=True, category=business, headline=f"Market story {n}")
    ArticleFactory(published=True, category=other, headline="A sports story")
    first = client.get(business.get_absolute_url()).content.decode()
    assert "Money and trade." in first
    assert 'aria-current="page">Markets</a>' in first
    assert "A sports story" not in first
    assert first.count("Market story") == 12
    second = client.get(business.get_absolute_url() + "?page=2").content.decode()
    assert second.count("Market story") == 2


@pytest.mark.parametrize("page", ["0", "3", "-1", "abc", "2.5", "99999999999999999999"])
def test_pages_that_never_held_content_answer_a_styled_404(client, page):
    markets = CategoryFactory(name="Markets", slug="markets")
    for _ in range(14):
        ArticleFactory(published=True, category=markets)
    response = client.get(markets.get_absolute_url(), {"page": page})
    assert response.status_code == 404
    assert 'role="search"' in response.content.decode()


def test_unknown_category_answers_a_styled_404(client):
    response = client.get("/category/no-such-section/")
    assert response.status_code == 404
    assert "Business" in response.content.decode()  # the category bar is still there


def test_author_and_tag_pages_list_their_published_articles(client, category, author):
    author.bio = "Covers the harbour and the council."
    author.save()
    mine = ArticleFactory(published=True, category=category, authors=[author], tags=["budget"])
    ArticleFactory(category=category, authors=[author], tags=["budget"], headline="Draft piece")
    for url in (author.get_absolute_url(), reverse("articles:tag", args=["budget"])):
        html = client.get(url).content.decode()
        assert mine.headline in html
        assert "Draft piece" not in html
    assert (
        "Covers the harbour and the council."
        in client.get(author.get_absolute_url()).content.decode()
    )


def test_authors_and_tags_with_only_unpublished_stories_have_no_public_page(client, category):
    writer = UserFactory(display_name="Quiet Writer")
    ArticleFactory(category=category, authors=[writer], tags=["secret-project"])
    assert client.get(writer.get_absolute_url()).status_code == 404
    assert client.get(reverse("articles:tag", args=["secret-project"])).status_code == 404


def test_trending_page_ranks_published_articles_by_recent_reads(client, category):
    trending = Category.objects.get(shows_trending=True)
    quiet = ArticleFactory(published=True, category=category, headline="Quietly read")
    busy = ArticleFactory(published=True, category=category, headline="Widely read")
    old_news = ArticleFactory(published=True, category=category, headline="Read days ago")
    draft = ArticleFactory(category=category, headline="Draft read by editors")
    add_reads(quiet, 5)
    add_reads(busy, 50, hours_ago=2)
    add_reads(old_news, 500, hours_ago=60)
    add_reads(draft, 900)
    html = client.get(trending.get_absolute_url()).content.decode()
    assert html.index("Widely read") < html.index("Quietly read")
    assert "Read days ago" not in html
    assert "Draft read by editors" not in html
    home = client.get(reverse("articles:home")).content.decode()
    rail = home[home.index('id="trending-heading"') : home.index('id="latest-heading"')]
    assert rail.index("Widely read") < rail.index("Quietly read")
    assert "Draft read by editors" not in rail


def test_trending_page_explains_itself_when_nothing_is_read_yet(client):
    trending = Category.objects.get(shows_trending=True)
    html = client.get(trending.get_absolute_url()).content.decode()
    assert "Nothing is trending yet" in html


def test_the_500_page_renders_without_touching_the_database(django_assert_num_queries):
    from django.template import loader

    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert "Something went wrong" in html
    assert 'action="/search/"' in html


def test_a_server_error_answers_the_styled_500_page(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("articles.views.home_sections", lambda: 1 / 0)
        response = client.get(reverse("articles:home"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_page_query_counts_do_not_grow_with_the_archive(
    client, django_assert_max_num_queries, size, warm_content_types
):
    category = CategoryFactory(name="Metro", slug="metro")
    authors = [UserFactory(display_name="A"), UserFactory(display_name="B")]
    make_archive(size, category, authors, image=ImageFactory())
    for article in Article.objects.all():
        add_reads(article, 3)
    article = Article.objects.published().first()
    trending = Category.objects.get(shows_trending=True)
    pages = {
        reverse("articles:home"): 12,  # the first miss also reads the footer's static pages
        category.get_absolute_url(): 7,
        trending.get_absolute_url(): 7,
        reverse("articles:tag", args=["harbour"]): 7,
        authors[0].get_absolute_url(): 7,
        article.get_absolute_url(): 9,
        reverse("search:search") + "?q=council": 7,
    }
    for url, budget in pages.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_with_no_reads_yet_trending_says_so_and_shows_the_newest_stories_under_that_label(
    client, category
):
    ArticleFactory(published=True, category=category, headline="The newest story")
    trending = Category.objects.get(shows_trending=True)
    html = client.get(trending.get_absolute_url()).content.decode()
    assert "Nothing is trending yet" in html and "here are the newest stories" in html
    assert "The newest story" in html
    assert "Most read in the last two days" not in html
    home = client.get(reverse("articles:home")).content.decode()
    rail = home[home.index('id="trending-heading"') : home.index('id="latest-heading"')]
    assert "Nothing has been read yet, so nothing is trending." in rail
    assert 'href="#latest-heading">The newest stories</a> are under Latest.' in rail
    assert "The newest story" in home
