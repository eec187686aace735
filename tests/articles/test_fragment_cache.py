"""Cards and the category bar are rendered once per content version, never shown stale.

Every test reads a page twice around a change, with the page cache off (a page-cache
miss), so any old HTML served afterwards can only come from the card or bar fragments.
"""

import re

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template

from articles.images import ensure_renditions
from articles.models import Article
from articles.services import article_publish
from articles.views import PublishedListView
from shared.cache import content_changed
from tests.articles.factories import ImageFactory
from tests.factories import ArticleFactory, CategoryFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


@pytest.fixture
def desk():
    return CategoryFactory(name="Harbour desk", slug="harbour-desk")


def headlines(response):
    return re.findall(r'class="card__headline"><a href="[^"]+">([^<]+)</a>', response.text)


def category_bar(html):
    return html.split('<nav class="category-bar"')[1].split("</nav>")[0]


def current_marks(response):
    bar = BeautifulSoup(response.text, "html5lib").select_one("nav.category-bar")
    return [link["href"] for link in bar.select('a[aria-current="page"]')]


def test_a_card_shows_an_edited_headline_at_once(client, desk):
    article = ArticleFactory(published=True, category=desk, headline="Ferry timetable cut")
    assert headlines(client.get(desk.get_absolute_url())) == ["Ferry timetable cut"]

    article.headline = "Ferry timetable restored"
    article.save()

    assert headlines(client.get(desk.get_absolute_url())) == ["Ferry timetable restored"]


def test_a_card_follows_a_change_made_around_save_once_the_version_moves(client, desk):
    article = ArticleFactory(published=True, category=desk, headline="Ferry timetable cut")
    client.get(desk.get_absolute_url())

    # A bulk write keeps updated_at; the content version alone must retire the old card.
    Article.objects.filter(pk=article.pk).update(headline="Ferry timetable restored")
    content_changed()

    assert headlines(client.get(desk.get_absolute_url())) == ["Ferry timetable restored"]


def test_a_renamed_author_shows_on_every_cached_card(client, desk):
    writer = UserFactory(display_name="Amara Okafor")
    ArticleFactory(published=True, category=desk, authors=[writer])
    assert "Amara Okafor" in client.get(desk.get_absolute_url()).text

    writer.display_name = "Amara Okafor-Reyes"
    writer.save()

    assert "Amara Okafor-Reyes" in client.get(desk.get_absolute_url()).text


def test_a_publish_puts_the_new_story_first_and_keeps_the_older_card(client, desk):
    ArticleFactory(published=True, category=desk, headline="Older story")
    assert headlines(client.get(desk.get_absolute_url())) == ["Older story"]
    editor = UserFactory(is_staff=True, is_superuser=True)
    draft = ArticleFactory(category=desk, headline="Breaking story")

    article_publish(article=draft, user=editor)

    assert headlines(client.get(desk.get_absolute_url())) == ["Breaking story", "Older story"]


def test_an_unpublished_story_leaves_its_category_page(client, desk):
    ArticleFactory(published=True, category=desk, headline="Older story")
    gone = ArticleFactory(published=True, category=desk, headline="Pulled story")
    assert "Pulled story" in headlines(client.get(desk.get_absolute_url()))

    gone.status = Article.Status.DRAFT
    gone.save()

    assert headlines(client.get(desk.get_absolute_url())) == ["Older story"]


def test_the_category_bar_marks_the_page_s_own_category_on_each_page(client, desk):
    other = CategoryFactory(name="Weather desk", slug="weather-desk")
    article = ArticleFactory(published=True, category=desk)
    ArticleFactory(published=True, category=other)

    assert current_marks(client.get(desk.get_absolute_url())) == [desk.get_absolute_url()]
    assert current_marks(client.get(other.get_absolute_url())) == [other.get_absolute_url()]
    assert current_marks(client.get(article.get_absolute_url())) == []
    assert current_marks(client.get(desk.get_absolute_url())) == [desk.get_absolute_url()]


def test_a_renamed_category_shows_in_the_bar_at_once(client, desk):
    ArticleFactory(published=True, category=desk)
    assert ">Harbour desk</a>" in client.get(desk.get_absolute_url()).text

    desk.name = "Port desk"
    desk.save()

    page = client.get(desk.get_absolute_url()).text
    assert ">Port desk</a>" in page
    assert "<h1>Port desk</h1>" in page
    assert ">Harbour desk</a>" not in page


def test_a_category_out_of_the_bar_keeps_its_page_and_shows_its_new_name(client):
    records = CategoryFactory(name="Records desk", slug="records-desk", in_category_bar=False)
    ArticleFactory(published=True, category=records, headline="From the archive")
    page = client.get(records.get_absolute_url())
    assert "<h1>Records desk</h1>" in page.text
    assert headlines(page) == ["From the archive"]

    records.name = "Archive desk"
    records.save()

    assert "<h1>Archive desk</h1>" in client.get(records.get_absolute_url()).text


def test_a_card_shows_its_picture_s_renditions_once_the_job_has_made_them(client, desk):
    picture = ImageFactory(renditions_made=False)
    ArticleFactory(published=True, category=desk, featured_image=picture)
    cards = client.get(desk.get_absolute_url()).text.split('class="card-grid"')[1]
    assert "<picture" not in cards

    ensure_renditions(picture)

    cards = client.get(desk.get_absolute_url()).text.split('class="card-grid"')[1]
    assert "<picture" in cards


def test_a_second_page_appears_when_a_publish_pushes_the_oldest_story_onto_it(client, desk):
    ArticleFactory(published=True, category=desk, headline="Oldest story")
    for n in range(PublishedListView.paginate_by - 1):
        ArticleFactory(published=True, category=desk, headline=f"Story {n}")
    assert client.get(desk.get_absolute_url() + "?page=2").status_code == 404
    draft = ArticleFactory(category=desk, headline="Breaking story")

    article_publish(article=draft, user=UserFactory(is_staff=True, is_superuser=True))

    second = client.get(desk.get_absolute_url() + "?page=2")
    assert headlines(second) == ["Oldest story"]
    assert headlines(client.get(desk.get_absolute_url()))[0] == "Breaking story"


def test_the_same_story_keeps_each_list_s_own_card_shape(client, desk):
    article = ArticleFactory(published=True, category=desk, tags=["ferries"])
    ArticleFactory(published=True, category=desk, tags=["ferries"], headline="Neighbour")

    listing = client.get(desk.get_absolute_url()).text
    related = client.get(article.get_absolute_url()).text

    assert '<h2 class="card__headline"><a href="/articles/' in listing
    assert '<h3 class="card__headline"><a href="/articles/' in related
    assert 'class="card__standfirst"' in listing
    assert 'class="card__standfirst"' not in related.split('id="related-heading"')[1]


def test_a_page_rendered_without_the_categories_does_not_empty_the_bar_for_others(client, desk):
    article = ArticleFactory(published=True, category=desk)
    bare = Template("{% include 'includes/category_bar.html' %}").render(Context({}))
    assert "Harbour desk" not in category_bar(bare)

    assert ">Harbour desk</a>" in category_bar(client.get(article.get_absolute_url()).text)
