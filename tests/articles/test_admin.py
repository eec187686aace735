"""Admin comfort: the article list, the desk pages, the editor's server-side preview."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


@pytest.mark.parametrize("size", [3, 25])
def test_the_article_list_costs_the_same_queries_whatever_its_size(
    editor_client, django_assert_max_num_queries, size
):
    for _ in range(size):
        ArticleFactory(published=True, authors=[UserFactory(), UserFactory()])
    # 16: the list, and the header's notification count and who is editing what (other apps').
    with django_assert_max_num_queries(16):
        response = editor_client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 200


def test_the_list_shows_status_authors_comment_count_and_time_zone(editor_client, settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    author = UserFactory(display_name="Mei Chen")
    ArticleFactory(scheduled=True, authors=[author], headline="Tomorrow's story")
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Mei Chen" in html
    assert "Scheduled" in html
    assert "column-comment_count" in html
    assert "Publish times are shown in Europe/Lisbon" in html


def test_the_list_filters_by_status_and_searches_headlines(editor_client):
    ArticleFactory(headline="Ferry timetable changes", status=Status.IN_REVIEW)
    ArticleFactory(headline="Tram works begin")
    url = reverse("admin:articles_article_changelist")
    html = editor_client.get(url, {"status__exact": Status.IN_REVIEW}).content.decode()
    assert "Ferry timetable" in html and "Tram works" not in html
    html = editor_client.get(url, {"q": "tram"}).content.decode()
    assert "Tram works" in html and "Ferry timetable" not in html


def test_the_review_queue_lists_articles_in_review_oldest_first(editor_client):
    older = ArticleFactory(headline="Waiting since Monday", status=Status.IN_REVIEW)
    Article.objects.filter(pk=older.pk).update(updated_at=timezone.now() - timedelta(days=2))
    ArticleFactory(headline="Just handed in", status=Status.IN_REVIEW)
    ArticleFactory(headline="Still a draft")
    html = editor_client.get(reverse("admin:articles_article_review_queue")).content.decode()
    assert html.index("Waiting since Monday") < html.index("Just handed in")
    assert "Still a draft" not in html


def test_the_schedule_lists_upcoming_articles_soonest_first(editor_client):
    later = ArticleFactory(
        headline="Next week",
        status=Status.PUBLISHED,
        published_at=timezone.now() + timedelta(days=7),
    )
    ArticleFactory(headline="In an hour", scheduled=True)
    ArticleFactory(headline="Already out", published=True)
    html = editor_client.get(reverse("admin:articles_article_schedule")).content.decode()
    assert html.index("In an hour") < html.index(later.headline)
    assert "Already out" not in html


def test_the_dashboard_links_to_the_review_queue(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:articles_article_review_queue") in html


def test_the_live_preview_returns_what_readers_get(editor_client):
    response = editor_client.post(
        reverse("admin:articles_article_render_body"),
        {"body": "## Heading\n\n<script>alert(1)</script>[x](javascript:alert(1))"},
    )
    html = response.content.decode()
    assert "<h2>Heading</h2>" in html
    assert "<script" not in html
    assert "&lt;script&gt;" in html  # shown as the text it is
    assert 'href="javascript:' not in html


def test_the_live_preview_is_for_staff_only(client):
    url = reverse("admin:articles_article_render_body")
    assert client.post(url, {"body": "hi"}).status_code == 302
    client.force_login(people.reader())
    assert client.post(url, {"body": "hi"}).status_code == 302


def test_the_body_field_is_the_bundled_markdown_editor(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert 'class="markdown-editor"' in html
    assert "data-rich-editor" in html
    assert "editor/editor.js" in html


def _scripts(html):
    return re.findall(r"<script\b[^>]*>", html)


def test_no_script_of_the_change_form_stops_the_page_and_the_editor_runs_first(editor_client):
    article = ArticleFactory(slug="harbour-fees")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    scripts = _scripts(html.content.decode())
    blocking = [
        tag
        for tag in scripts
        if "src=" in tag and not re.search(r"\b(defer|async|data-after-ready)\b", tag)
    ]
    assert blocking == ['<script src="/static/admin/js/theme.js">']  # the admin's colour scheme
    deferred = [tag for tag in scripts if re.search(r"\bdefer\b", tag)]
    assert "editor/editor.js" in deferred[0]  # first of all: no sidebar's script before it
    assert not any("nav_sidebar" in tag for tag in scripts)
    assert not any("xregexp" in tag or "urlify" in tag for tag in scripts)  # has its address


def test_the_admins_own_scripts_wait_until_the_page_is_ready(editor_client):
    article = ArticleFactory(slug="harbour-fees")
    html = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    scripts = _scripts(html.content.decode())
    # Placeholders the browser neither fetches nor runs: after_ready.js adds them, in order.
    later = [tag for tag in scripts if "data-after-ready" in tag]
    assert all('type="text/x-after-ready"' in tag and "defer" not in tag for tag in later)
    paths = [re.search(r'src="([^"]+)"', tag).group(1) for tag in later]
    jquery = next(i for i, path in enumerate(paths) if "/vendor/jquery/" in path)
    assert paths.index("/admin/jsi18n/") < jquery < paths.index("/static/admin/js/jquery.init.js")
    assert paths[-1] == "/static/admin/js/prepopulate_init.js"  # it needs jQuery too
    assert any("newsroom_admin/after_ready.js" in tag and "defer" in tag for tag in scripts)


def test_a_new_article_still_gets_its_slug_from_the_headline(editor_client):
    html = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert any("prepopulate.js" in tag and "data-after-ready" in tag for tag in _scripts(html))
    assert "&quot;#id_slug&quot;" in html  # the admin's script fills it from the headline


def test_a_slug_left_empty_is_made_from_the_headline_and_never_takes_an_address(client, category):
    from articles.models import SlugRedirect

    writer = people.writer()
    client.force_login(writer)
    ArticleFactory(headline="Market reopens", slug="market-reopens")
    moved = ArticleFactory(slug="market-reopens-3")
    SlugRedirect.objects.create(article=moved, old_slug="market-reopens-2")

    def file(headline):
        return client.post(
            reverse("admin:articles_article_add"),
            {
                "headline": headline,
                "slug": "",  # typed before the page's slug script started, or no JavaScript
                "body": "Stalls are back.",
                "category": category.pk,
                "authors": [writer.pk],
                "status": Status.DRAFT,
                "feature_position": 0,
                "corrections-TOTAL_FORMS": "0",
                "corrections-INITIAL_FORMS": "0",
            },
        )

    assert file("Market   reopens!").status_code == 302
    assert file("Ça va: the fish market").status_code == 302
    assert Article.objects.filter(slug="market-reopens-4").exists(), "past old addresses too"
    assert Article.objects.filter(slug="ca-va-the-fish-market").exists()
    form = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Left empty, it is made from the headline." in form


def test_the_image_picker_lists_library_images(editor_client):
    picture = people.library_image(alt_text="Dockside cranes")
    data = editor_client.get(reverse("admin:articles_article_image_library")).json()
    assert data["images"][0]["id"] == picture.pk
    assert data["images"][0]["alt"] == "Dockside cranes"


def test_a_new_article_is_credited_to_its_writer_and_starts_as_a_draft(client, category):
    writer = people.writer()
    client.force_login(writer)
    response = client.post(
        reverse("admin:articles_article_add"),
        {
            "headline": "Market reopens",
            "slug": "market-reopens",
            "body": "Stalls are back.",
            "category": category.pk,
            "authors": [writer.pk],
            "status": Status.IN_REVIEW,
            "feature_position": 0,
            "comments_open": "on",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="market-reopens")
    assert article.created_by == writer
    assert article.status == Status.IN_REVIEW
    assert article.transitions.get().action == "submit"


def test_the_tags_field_suggests_existing_tags(editor_client):
    ArticleFactory(tags=["economy", "ecology", "sport"])
    url = reverse("admin:articles_article_tag_suggestions")
    assert editor_client.get(url, {"q": "ec"}).json() == {"tags": ["ecology", "economy"]}
    page = editor_client.get(reverse("admin:articles_article_add")).content.decode()
    assert f'data-suggest-url="{url}"' in page


def _full_article(authors, corrections):
    article = ArticleFactory(
        published=True,
        authors=[UserFactory() for _ in range(authors)],
        featured_image=people.library_image(alt_text="Quay"),
    )
    article.tags.add(*[f"tag {n}" for n in range(authors)])
    for n in range(corrections):
        article.corrections.create(note=f"Correction {n}.")
    return article


def test_the_change_form_asks_a_bounded_number_of_queries_whatever_the_article_holds(
    editor_client, django_assert_max_num_queries
):
    small, large = _full_article(1, 0), _full_article(4, 5)
    for article in (small, large):  # the first visit records who has it open (presence/)
        editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    # 19: the article once (with its authors), the user's permissions, tags, corrections,
    # categories, the featured picture once, the revision it was opened on, the send-back
    # note, and other apps' panels (presence, notes, autosave, who may read it) and header.
    for article in (small, large):
        with django_assert_max_num_queries(19):
            response = editor_client.get(
                reverse("admin:articles_article_change", args=[article.pk])
            )
        assert response.status_code == 200
        assert "Quay" in response.content.decode()
