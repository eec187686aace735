import re
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import RequestContext, Template
from django.test import RequestFactory
from django.urls import reverse

from articles.models import SiteIdentity
from comments.models import Comment
from shared import personal
from shared.cache import next_publish_at
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_anonymous_readers_see_the_count_the_approved_comments_and_how_to_join(
    client, published_article
):
    CommentFactory(article=published_article, body="Approved and visible")
    CommentFactory(article=published_article, body="Still pending", status="pending")
    CommentFactory(article=published_article, body="Junk", status="spam")
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert 'Comments <span class="comments__count">(1)</span>' in html
    assert "Approved and visible" in html
    assert "Still pending" not in html and "Junk" not in html
    assert "You need to log in to leave a comment" in html
    back = quote(published_article.get_absolute_url()) + "%23comments"
    assert f'href="{reverse("login")}?next={back}">Log in</a>' in html
    assert f'href="{reverse("accounts:signup")}?next={back}">Sign up</a>' in html


def test_the_anonymous_page_has_nothing_personal_so_it_can_be_cached_whole(
    client, published_article
):
    CommentFactory(article=published_article)
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert 'id="comment-form"' not in html
    assert ">Flag<" not in html and ">Reply<" not in html


def test_logged_in_readers_get_the_form_with_a_csrf_token(reader_client, published_article):
    html = reader_client.get(published_article.get_absolute_url()).content.decode()
    assert 'id="comment-form"' in html
    assert re.search(r'name="csrfmiddlewaretoken" value="\w{20,}"', html)
    assert "You need to log in" not in html


def test_markup_in_comments_display_names_and_bios_renders_as_text(client, published_article):
    evil = UserFactory(display_name=XSS, bio=XSS)
    CommentFactory(article=published_article, author=evil, body=XSS)
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_links_in_comments_are_marked_nofollow_ugc_noopener(client, published_article):
    CommentFactory(
        article=published_article, body="See https://example.org/report and javascript:alert(1)"
    )
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert (
        '<a rel="nofollow ugc noopener" href="https://example.org/report">'
        "https://example.org/report</a>"
    ) in html
    assert 'href="javascript' not in html


def test_a_deleted_account_shows_as_deleted_user(client, published_article):
    gone = UserFactory(display_name="Gone Person")
    CommentFactory(article=published_article, author=gone, body="My old words")
    gone.delete()
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert "deleted user" in html and "My old words" in html
    assert "Gone Person" not in html


def make_threads(article, count):
    for _ in range(count):
        top = CommentFactory(article=article)
        reply = CommentFactory(article=article, parent=top)
        CommentFactory(article=article, parent=reply)


def render_comments(article, user):
    """The comments area as a reader gets it: the shared part, with their own filled in."""
    request = RequestFactory().get(article.get_absolute_url())
    request.user = user
    template = Template("{% load comments_tags %}{% article_comments article %}")
    with personal.rendering() as token:
        shared = template.render(RequestContext(request, {"article": article}))
    return personal.fill(shared.encode(), request, token).decode()


@pytest.mark.parametrize("threads", [2, 60])
def test_the_comments_area_costs_a_fixed_number_of_queries_however_many_comments(
    reader, published_article, django_assert_num_queries, threads, settings
):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    make_threads(published_article, threads)
    SiteIdentity.current()  # the site context processor's one lookup, cached for every page
    next_publish_at()  # asked once by every page, and shared
    # Built once: a page of whole threads, with the counts in the same query.
    with django_assert_num_queries(1):
        html = render_comments(published_article, AnonymousUser())
    assert html.count('class="comment"') == 3 * min(threads, 50)
    # A reader reuses it and adds their own controls: their flags, and whether they are banned.
    with django_assert_num_queries(2):
        html = render_comments(published_article, reader)
    assert html.count('class="comment"') == 3 * min(threads, 50)
    assert html.count(">Flag</button>") == 3 * min(threads, 50)


def test_five_hundred_comments_are_split_into_pages_of_threads(client, published_article, settings):
    settings.COMMENTS_THREADS_PER_PAGE = 50
    CommentFactory.create_batch(120, article=published_article)
    first = client.get(published_article.get_absolute_url()).content.decode()
    assert first.count('class="comment"') == 50
    assert "Page 1 of 3" in first and "comments_page=2#comments" in first
    last = client.get(published_article.get_absolute_url() + "?comments_page=3")
    assert last.content.decode().count('class="comment"') == 20
    assert Comment.objects.count() == 120


def test_a_comment_drawn_before_is_drawn_anew_when_its_text_or_the_threads_state_changes(
    client, reader_client, reader, published_article
):
    """Each comment's own part is kept per process for what it shows: an edit, a removal or
    comments closing reach the page at once, and a reader's controls stay their own."""
    mine = CommentFactory(article=published_article, author=reader, body="First words")
    other = CommentFactory(article=published_article, body="Someone else's words")
    url = published_article.get_absolute_url()
    assert "First words" in client.get(url).content.decode()

    mine.body, mine.edited_at = "Second thoughts", mine.created_at
    mine.save(update_fields=["body", "edited_at"])
    html = reader_client.get(url).content.decode()
    assert "Second thoughts" in html and "First words" not in html
    own = html.split(f'id="comment-{mine.pk}"')[1].split("</article>")[0]
    assert "Delete</a>" in own and 'class="comment__edited"' in own
    assert ">Flag</button>" in html.split(f'id="comment-{other.pk}"')[1].split("</article>")[0]

    other.status = Comment.Status.REMOVED
    other.save(update_fields=["status"])
    published_article.comments_open = False
    published_article.save()
    html = client.get(url).content.decode()
    assert "Someone else's words" not in html
    assert "Comments are closed on this article." in html
    assert "comment__actions" not in reader_client.get(url).content.decode()


def test_a_thread_drawn_outside_a_page_is_not_reused_without_its_markers_inside_one(
    published_article,
):
    from comments.templatetags.comments_tags import render_shared_comments

    CommentFactory(article=published_article, body="Drawn twice")
    assert "<!--personal:" not in render_shared_comments(published_article, "1")
    for _ in range(2):  # drawn, then from what was kept: each time with this page's token
        with personal.rendering() as token:
            html = render_shared_comments(published_article, "1")
        assert f"<!--personal:{token}:comment-actions:" in html
