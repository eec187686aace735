"""The reader pages stay cheap whatever the archive's size, and still show the same stories.

Budgets are checked at two archive sizes on a page-cache miss: once with every fragment
cold (right after a publish) and once with the shared fragments warm (the usual miss).
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from articles import listings
from articles.models import Article, Category
from articles.services import article_publish
from tests import people
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


def make_archive(size):
    desks = [
        CategoryFactory(name=f"Desk {n}", slug=f"desk-{n}", position=900 + n) for n in range(3)
    ]
    author = UserFactory(display_name="Writer")
    for n in range(size):
        ArticleFactory(
            published=True,
            category=desks[n % 3],
            authors=[author],
            tags=["harbour", "council"] if n % 2 else ["budget"],
            published_at=hours_ago(n + 1),
        )
    ArticleFactory(category=desks[0], tags=["harbour"], headline="A draft")  # never shown
    return desks, author


@pytest.mark.parametrize("size", [6, 40])
def test_reader_pages_keep_their_query_budget_on_a_miss(
    client, django_assert_max_num_queries, size
):
    desks, author = make_archive(size)
    editor = people.editor()
    newest = Article.objects.published().latest_first().first()
    # (right after a publish, its fragments warm): the page cache is off here, so the second
    # request is the usual miss. The home page is asked first, so it also reads what every
    # page shares: the site identity, the category bar, the footer's pages.
    budgets = {
        reverse("articles:home"): (10, 0),
        # A listing's count and cards are kept (articles.views.PagedByIds), a category in
        # the bar is read from the bar's rows; the tag and the author are still looked up.
        desks[0].get_absolute_url(): (6, 0),
        desks[0].get_absolute_url() + "?page=2": (6, 0),
        reverse("articles:tag", args=["harbour"]): (7, 1),
        author.get_absolute_url(): (7, 1),
        # +2 the first time: who may read it (memberships' rules and tiers, shared data).
        newest.get_absolute_url(): (10, 3),
        # On SQLite a word too rare to fill the ranked window is asked again as a prefix
        # ("council" finds "councillor"): one more query, both cheap (search/query.py).
        # Warm, the cards are kept: their bylines are not read.
        reverse("search:search") + "?q=council": (6, 4),
    }
    for url, (cold, warm) in budgets.items():
        if url.endswith("?page=2") and size <= 12:
            continue
        story = ArticleFactory(category=desks[0], tags=["harbour"], authors=[author])
        article_publish(article=story, user=editor)
        with django_assert_max_num_queries(cold):
            assert client.get(url).status_code == 200, url
        with django_assert_max_num_queries(warm):
            response = client.get(url)
            assert response.status_code == 200, url


@pytest.mark.parametrize("size", [6, 40])
def test_the_article_page_with_every_cache_empty_costs_a_fixed_number_of_queries(
    client, django_assert_max_num_queries, size
):
    make_archive(size)
    article = Article.objects.published().latest_first().first()
    cache.clear()  # a new cache: the site identity, the category bar, footer pages too
    # 13: with memberships' rules and tiers (who may read it), shared data like the rest.
    with django_assert_max_num_queries(13):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_home_rails_hold_each_categorys_four_newest_in_the_bars_order(client):
    later = CategoryFactory(name="Zeta desk", slug="zeta", position=2000)
    earlier = CategoryFactory(name="Alpha desk", slug="alpha", position=1999)
    for n in range(5):  # the five newest stories fill the lead and top stories
        ArticleFactory(
            published=True, category=later, headline=f"Front {n}", published_at=hours_ago(n)
        )
    for n in range(6):
        ArticleFactory(
            published=True, category=earlier, headline=f"Alpha {n}", published_at=hours_ago(10 + n)
        )
        ArticleFactory(
            published=True, category=later, headline=f"Zeta {n}", published_at=hours_ago(20 + n)
        )
    ArticleFactory(scheduled=True, category=earlier, headline="Alpha tomorrow")
    html = client.get(reverse("articles:home")).content.decode()
    alpha = html[html.index('id="rail-alpha"') : html.index('id="rail-zeta"')]
    zeta = html[html.index('id="rail-zeta"') : html.index('id="latest-heading"')]
    assert [f"Alpha {n}" in alpha for n in range(6)] == [True] * 4 + [False] * 2
    assert [f"Zeta {n}" in zeta for n in range(6)] == [True] * 4 + [False] * 2
    assert "Front" not in alpha + zeta  # already shown above the rails
    assert "Alpha tomorrow" not in html


def test_home_shows_a_newly_published_story_at_once(client, category):
    ArticleFactory(published=True, category=category, headline="Yesterday's news")
    client.get(reverse("articles:home"))
    draft = ArticleFactory(category=category, headline="Breaking: the harbour reopens")
    article_publish(article=draft, user=UserFactory(is_staff=True, is_superuser=True))
    html = client.get(reverse("articles:home")).content.decode()
    assert "Breaking: the harbour reopens" in html


def test_related_stories_rank_shared_tags_then_the_category_never_itself_or_unpublished(
    category,
):
    other = CategoryFactory()
    article = ArticleFactory(published=True, category=category, tags=["harbour", "budget"])
    same_section = ArticleFactory(published=True, category=category, published_at=hours_ago(1))
    two_tags = ArticleFactory(
        published=True, category=other, tags=["harbour", "budget"], published_at=hours_ago(30)
    )
    one_tag = ArticleFactory(
        published=True, category=other, tags=["budget"], published_at=hours_ago(2)
    )
    ArticleFactory(category=category, tags=["harbour", "budget"])  # a draft
    ArticleFactory(scheduled=True, category=category, tags=["harbour", "budget"])
    ArticleFactory(published=True, category=other)  # unrelated
    related = listings.related_articles(article, list(article.tags.values_list("pk", flat=True)))
    assert related == [two_tags, one_tag, same_section]


def test_related_stories_without_tags_are_the_categorys_newest(category):
    article = ArticleFactory(published=True, category=category, published_at=hours_ago(50))
    newest = [
        ArticleFactory(published=True, category=category, published_at=hours_ago(n))
        for n in range(1, 7)
    ]
    ArticleFactory(published=True, category=CategoryFactory(), published_at=hours_ago(0))
    assert listings.related_articles(article, []) == newest[:4]


def test_related_stories_count_every_shared_tag_even_of_older_candidates(category, settings):
    article = ArticleFactory(published=True, category=category, tags=["harbour", "budget"])
    # Newer stories crowd "harbour"'s window; the older one shares both tags and wins.
    for n in range(listings.RELATED_CANDIDATES):
        ArticleFactory(
            published=True, category=CategoryFactory(), tags=["harbour"], published_at=hours_ago(n)
        )
    both = ArticleFactory(
        published=True,
        category=Category.objects.exclude(pk=category.pk).first(),
        tags=["harbour", "budget"],
        published_at=hours_ago(500),
    )
    related = listings.related_articles(article, list(article.tags.values_list("pk", flat=True)))
    assert related[0] == both
