import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_archive(size, category, authors):
    tags = ["harbour", "council", "budget"]
    for _ in range(size):
        ArticleFactory(published=True, category=category, authors=authors, tags=tags)


def test_home_lists_published_articles_with_featured_first(client, category, author):
    older_featured = ArticleFactory(
        published=True, category=category, authors=[author], is_featured=True,
        headline="Featured lead story",
    )  # fmt: skip
    ArticleFactory(published=True, category=category, authors=[author], headline="Newer story")
    ArticleFactory(category=category, headline="A draft nobody should see")
    html = client.get(reverse("articles:home")).content.decode()
    assert html.index(older_featured.headline) < html.index("Newer story")
    assert "A draft nobody should see" not in html


def test_every_page_shows_the_thirteen_seeded_categories_in_order(client):
    html = client.get(reverse("articles:home")).content.decode()
    names = ["Trending News", "Blog", "Business", "Entertainment", "Environment", "Health",
             "Lifestyle", "News Analysis", "Opinion", "Science", "Sports", "Technology",
             "World News"]  # fmt: skip
    positions = [html.index(f">{name}</a>") for name in names]
    assert positions == sorted(positions)


def test_article_page_shows_headline_byline_dates_body_tags_and_category(
    client, published_article, author
):
    published_article.tags.add("harbour")
    response = client.get(published_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<h1 class="article__headline">{published_article.headline}</h1>' in html
    assert author.public_name in html
    assert f'datetime="{published_article.published_at.isoformat()}"' in html
    assert "It was a long night." in html
    assert reverse("articles:tag", args=["harbour"]) in html
    assert published_article.category.get_absolute_url() in html


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
    business = CategoryFactory(name="Markets", slug="markets")
    other = CategoryFactory(name="Sport", slug="sport")
    for n in range(14):
        ArticleFactory(published=True, category=business, headline=f"Market story {n}")
    ArticleFactory(published=True, category=other, headline="A sports story")
    first = client.get(business.get_absolute_url()).content.decode()
    assert "A sports story" not in first
    assert first.count("Market story") == 12
    second = client.get(business.get_absolute_url() + "?page=2").content.decode()
    assert second.count("Market story") == 2
    assert client.get(business.get_absolute_url() + "?page=3").status_code == 404


def test_unknown_category_answers_a_styled_404(client):
    response = client.get("/category/no-such-section/")
    assert response.status_code == 404
    assert "Business" in response.content.decode()  # the category bar is still there


def test_author_and_tag_pages_list_their_published_articles(client, category, author):
    mine = ArticleFactory(published=True, category=category, authors=[author], tags=["budget"])
    ArticleFactory(category=category, authors=[author], tags=["budget"], headline="Draft piece")
    for url in (author.get_absolute_url(), reverse("articles:tag", args=["budget"])):
        html = client.get(url).content.decode()
        assert mine.headline in html
        assert "Draft piece" not in html


@pytest.mark.parametrize("size", [3, 30])
def test_page_query_counts_do_not_grow_with_the_archive(
    client, django_assert_max_num_queries, size
):
    category = CategoryFactory(name="Metro", slug="metro")
    authors = [UserFactory(display_name="A"), UserFactory(display_name="B")]
    make_archive(size, category, authors)
    article = Article.objects.published().first()
    pages = {
        reverse("articles:home"): 6,
        category.get_absolute_url(): 7,
        reverse("articles:tag", args=["harbour"]): 7,
        authors[0].get_absolute_url(): 7,
        article.get_absolute_url(): 5,
    }
    for url, budget in pages.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
