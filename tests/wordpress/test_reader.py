"""What a reader finds after a WordPress site is imported."""

import re

import pytest

from articles.models import Article
from comments.models import Comment

pytestmark = pytest.mark.django_db


def body_of(response):
    html = response.content.decode()
    return html.split('<div class="article__body">', 1)[1].split("</div>", 1)[0]


def test_the_classic_post_reads_as_it_did_on_wordpress(client, imported):
    response = client.get("/articles/harbour-wall-rebuilt/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="article__headline">Harbour wall to be rebuilt after storm</h1>' in html
    assert "The council agreed the repairs on Tuesday night." in html  # excerpt → standfirst
    body = body_of(response)
    assert "<p>The harbour wall will be rebuilt by the autumn" in body
    assert '<figure class="inline-image"><img src="/media/' in body
    assert 'alt="Fishing boats moored behind the broken wall"' in body
    assert "<figcaption>Boats sheltering on Monday." in body
    assert "<table>" in body and "<th>Stage</th>" in body
    assert "<li>Divers survey the foundations</li>" in body
    assert "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" in body
    assert "<pre><code>tide_height" in body
    assert body.count('<figure class="inline-image">') == 4  # the caption and a gallery of 3
    assert "[" not in body  # no shortcode reaches a reader, known or not


def test_the_block_editor_post_keeps_its_blocks(client, imported):
    body = body_of(client.get("/articles/budget-and-the-harbour/"))
    assert "<h2>Where the money goes</h2>" in body
    assert "<ol>\n<li>The wall</li>" in body
    assert '<blockquote class="pullquote"><p>This is the harbour' in body
    assert "Councillor Mei Chen" in body
    assert "<figcaption>Spending since 2019." in body
    assert "<pre><code>Vote:  21 for\n       4 against" in body
    assert "youtube-nocookie.com/embed/aqz-KE-bpKQ" in body
    assert '<a href="https://vimeo.com/76979871"' in body  # not on the frame allow-list
    assert "<!--" not in body and "wp:" not in body


def test_links_between_imported_posts_point_at_their_new_addresses(client, imported):
    budget = body_of(client.get("/articles/budget-and-the-harbour/"))
    assert 'href="/articles/harbour-wall-rebuilt/"' in budget
    wall = body_of(client.get("/articles/harbour-wall-rebuilt/"))
    assert 'href="/articles/budget-and-the-harbour/"' in wall  # it was ?p=8


@pytest.mark.parametrize(
    "old, new",
    [
        ("/2024/03/05/harbour-wall-rebuilt/", "/articles/harbour-wall-rebuilt/"),
        ("/?p=8", "/articles/budget-and-the-harbour/"),
        ("/?page_id=20", "/about/ethics/"),
        ("/category/harbour-news/", "/category/harbour-news/"),
        ("/category/harbour-news/council/", "/category/council/"),
        ("/category/opinion/feed/", "/feeds/category/opinion/rss/"),
        ("/tag/storm/feed/", "/feeds/tag/storm/rss/"),
        ("/feed/", "/feeds/rss/"),
        ("/feed/atom/", "/feeds/atom/"),
    ],
)
def test_old_wordpress_addresses_answer_301_with_the_new_ones(client, imported, old, new):
    response = client.get(old)
    if old == new:  # the category kept its address: it answers itself
        assert response.status_code == 200
        return
    assert response.status_code == 301
    assert response["Location"] == new
    assert client.get(new).status_code == 200


def test_pages_keep_their_hierarchy_and_addresses(client, imported):
    assert "covered the coast since 1998" in client.get("/about/").content.decode()
    ethics = client.get("/about/ethics/").content.decode()
    assert "We never pay sources." in ethics
    assert 'href="/about/"' in ethics  # its parent


def test_comments_are_threaded_and_flattened_past_the_deepest_level(client, imported):
    article = Article.objects.get(slug="harbour-wall-rebuilt")
    shown = Comment.objects.filter(article=article, status="approved").order_by("created_at")
    assert [c.depth for c in shown if c.posted_as != "Sam Vale"] == [0, 1, 2, 2, 2]
    deepest = shown.get(body__startswith="Reply at depth 4")
    assert deepest.parent.body.startswith("Reply at depth 1")  # joins the thread at level 3
    assert {c.root_id for c in shown if c.posted_as != "Sam Vale"} == {shown[0].pk}
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="comment__author">Mara Lind</span>' in html
    assert "Reply at depth 4: the wall matters." in html
    assert "PENDING-COMMENT" not in html


def test_a_comment_by_a_wordpress_author_is_theirs_here(imported):
    comment = Comment.objects.get(body__startswith="Author here")
    assert comment.author.display_name == "Ana Reyes"


PRIVATE_MARKERS = [
    "PROTECTED-TEXT",
    "PRIVATE-TEXT",
    "DRAFT-TEXT",
    "PENDING-TEXT",
    "DRAFT-PAGE",
    "PENDING-COMMENT",
    "Scheduled story text",
]


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/feeds/rss/",
        "/feeds/atom/",
        "/category/harbour-news/",
        "/category/opinion/",
        "/search/?q=harbour",
        "/search/?q=PROTECTED",
        "/sitemap-articles.xml",
        "/articles/harbour-wall-rebuilt/",
    ],
)
def test_nothing_private_protected_or_unpublished_becomes_public(client, imported, url):
    html = client.get(url).content.decode()
    for marker in PRIVATE_MARKERS:
        assert marker not in html


@pytest.mark.parametrize(
    "address",
    [
        "/articles/members-briefing/",
        "/2024/02/01/members-briefing/",
        "/articles/private-memo/",
        "/jobs/",
    ],
)
def test_unpublished_posts_and_pages_are_not_found_at_any_address(client, imported, address):
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("address", ["/?p=15", "/?p=12", "/?p=13", "/?page_id=22"])
def test_old_ids_of_unpublished_posts_lead_nowhere(client, imported, address):
    response = client.get(address)
    assert response.status_code == 200  # the front page, as for any unknown query
    html = response.content.decode()
    assert not any(marker in html for marker in PRIVATE_MARKERS)


def test_statuses_follow_wordpress(imported):
    status = dict(Article.objects.values_list("slug", "status"))
    assert status["harbour-wall-rebuilt"] == "published"
    assert status["members-briefing"] == "draft"  # password-protected
    assert status["private-memo"] == "draft"
    assert status["waiting-for-review"] == "review"
    scheduled = Article.objects.get(slug="harbour-reopens")
    assert scheduled.is_scheduled and scheduled.published_at.year == 2031


def test_sticky_featured_image_and_comment_status_come_across(imported):
    wall = Article.objects.get(slug="harbour-wall-rebuilt")
    assert wall.is_featured
    assert wall.featured_image.alt_text == "Fishing boats moored behind the broken wall"
    assert wall.comments_open
    untitled = Article.objects.get(headline__startswith="Low tide this morning")
    assert not untitled.comments_open
    assert re.fullmatch(r"low-tide-this-morning[-a-z]*", untitled.slug)


def test_authors_are_writers_without_a_usable_password(imported):
    from accounts.models import User

    ben = User.objects.get(username="ben")
    assert ben.display_name == "Ben Ito" and ben.is_staff
    assert not ben.has_usable_password()
    assert list(ben.groups.values_list("name", flat=True)) == ["Writer"]
    assert Article.objects.get(slug="budget-and-the-harbour").byline == [ben]
