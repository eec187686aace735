"""A Writer who types a per-reader marker (`<!--personal:NAME:ARG-->`, shared/personal.py)
into a headline, a tag, their display name or a picture's alt text sees it shown as text:
only the markers a page's own templates wrote are filled, only in HTML pages, and a marker
with a bad argument renders nothing instead of failing the page."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from comments.personal import comment_actions, comment_form
from newsletters.models import Newsletter
from newsletters.personal import follow_button
from shared import personal
from tests import people
from tests.factories import UserFactory

from .catalogue import build_world, parse

# Escaping and what cached pages carry are the same on any database: the SQLite leg only.
pytestmark = [pytest.mark.django_db, pytest.mark.one_database]

# The parts the site really fills, as the old markers and as a look-alike of the new ones
# (with a token nobody was given).
LOOK_ALIKE_TOKEN = "0123456789abcdef01234567"
MARKERS = [
    "<!--personal:account:-->",
    "<!--personal:comment-form:1-->",
    "<!--personal:comment-actions:not-a-comment-->",
    "<!--personal:follow:tag:1:x-->",
    f"<!--personal:{LOOK_ALIKE_TOKEN}:account:-->",
    f"<!--personal:{LOOK_ALIKE_TOKEN}:comment-actions:x-->",
]
markers = pytest.mark.parametrize("payload", MARKERS)


@pytest.fixture
def world(payload):
    return build_world(payload)


@pytest.fixture
def reader_client(client):
    client.force_login(UserFactory(username="reader-with-a-menu"))
    return client


def public_pages(world):
    return {
        "article": world["article"].get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": world["tag"].slug}),
        "author": world["writer"].get_absolute_url(),
    }


def assert_shown_as_typed(html, world, where):
    soup = parse(html)
    assert world["text"] in soup.get_text() or world["shown"] in soup.get_text(), where
    for img in soup.find_all("img", alt=True):
        # Every alt on these pages is the Writer's text or a plain one: never a filled part.
        assert "<form" not in img["alt"] and "Log in" not in img["alt"], where


@markers
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_a_marker_typed_by_a_writer_is_shown_as_text_and_not_filled(
    client, world, payload, logged_in
):
    if logged_in:
        client.force_login(UserFactory(username="reader-with-a-menu"))
    for where, url in public_pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        assert_shown_as_typed(html, world, where)
        # The page's own account menu is there once: the typed marker added none.
        assert html.count(">Log out</button>" if logged_in else ">Log in</a>") >= 1, where
        assert html.count('class="link-button">Log out</button>') <= 1, where
        assert "<!--personal:" not in html.replace(payload, ""), where
    article_html = client.get(world["article"].get_absolute_url()).content.decode()
    assert any(img.get("alt") == world["text"] for img in parse(article_html).find_all("img"))


@markers
def test_the_api_answers_the_same_valid_json_to_everyone(client, reader_client, world, payload):
    from django.test import Client

    url = f"/api/v1/articles/{world['article'].slug}/"
    anonymous = Client().get(url)
    logged_in = reader_client.get(url)
    assert anonymous.status_code == logged_in.status_code == 200
    item = json.loads(anonymous.content)
    assert json.loads(logged_in.content) == item
    assert payload in item["headline"] or payload in json.dumps(item)
    # Asked again (from the page cache now), still the same valid JSON.
    assert json.loads(Client().get(url).content) == item


@markers
def test_a_logged_in_reader_gets_the_api_root(reader_client, world, payload):
    response = reader_client.get("/api/v1/")
    assert response.status_code in (200, 404)


@markers
def test_the_newsletter_preview_shows_such_an_article(client, world, payload):
    newsletter = Newsletter.objects.create(name="Morning", subject="Today", intro=world["text"])
    newsletter.articles.set([world["article"]])
    client.force_login(people.editor(username="sofia-markers"))
    response = client.get(f"/admin/newsletters/newsletter/{newsletter.pk}/preview/")
    assert response.status_code == 200
    html = response.content.decode()
    # An e-mail has no reader's parts: neither the editor's account menu nor a comment form.
    parts = (
        ">Log out</button>",
        ">Log in</a>",
        "comment__actions",
        'id="comment-form"',
        "follow-button",
    )
    for part in parts:
        assert part not in html


@markers
def test_the_image_library_lists_such_a_picture(client, world, payload):
    client.force_login(people.editor(username="sofia-markers"))
    response = client.get(reverse("admin:articles_article_image_library"))
    assert response.status_code == 200
    assert world["text"] in [image["alt"] for image in response.json()["images"]]


BAD_ARGUMENTS = ["", "abc", "1.2", "1.2.x", "1.2.3.4", "-1.2.3", "١.٢.٣", "99999999999999999999"]


@pytest.mark.parametrize("argument", BAD_ARGUMENTS)
@pytest.mark.parametrize("logged_in", [False, True], ids=["anonymous", "logged-in"])
def test_a_marker_with_a_bad_argument_renders_nothing(argument, logged_in):
    request = RequestFactory().get("/")
    request.user = UserFactory() if logged_in else AnonymousUser()
    request.COOKIES = {}
    assert comment_actions(request, [argument]).get(argument, "") == ""
    assert comment_form(request, [argument]).get(argument, "") == ""
    assert follow_button(request, [f"bogus:{argument}:x"]).get(f"bogus:{argument}:x", "") == ""


def test_a_page_with_a_bad_marker_argument_still_renders(rf):
    template = Template(
        '{% load page_parts %}<p>{% personal_part "comment-actions" "abc" %}'
        '{% personal_part "comment-form" "x" %}{% personal_part "follow" "nope" "y" %}</p>'
    )
    request = rf.get("/")
    request.user = UserFactory()
    with personal.rendering() as token:
        body = template.render(Context()).encode()
    assert personal.fill(body, request, token) == b"<p></p>"


def test_a_shell_kept_by_another_process_is_filled_with_the_token_kept_with_it(
    client, published_article
):
    from django.test import Client

    from shared import page_cache

    url = published_article.get_absolute_url()
    Client().get(url)  # an anonymous reader builds and keeps the shell
    page_cache.recent_pages.clear()  # this process forgets it: read back from the cache
    client.force_login(UserFactory(display_name="Riley Reader"))
    response = client.get(url)
    html = response.content.decode()
    assert response["X-Cache"] == "shell"
    assert "Riley Reader" in html and 'id="comment-form"' in html
    assert "<!--personal:" not in html


def test_a_kept_fragment_put_into_a_new_page_gets_that_pages_token(client, published_article):
    from django.core.cache import cache

    from shared import page_cache

    url = published_article.get_absolute_url()
    client.get(url)  # builds the page and keeps its comments area as a fragment
    cache.delete(page_cache.page_key(RequestFactory().get(url), "shell"))
    page_cache.recent_pages.clear()
    client.force_login(UserFactory(display_name="Riley Reader"))
    response = client.get(url)  # a new page render, its comments area from the fragment
    html = response.content.decode()
    assert response.get("X-Cache") is None  # built again, not read from a kept shell
    assert 'id="comment-form"' in html and "Riley Reader" in html
    assert "<!--personal:" not in html
