"""Every hostile payload, in every field a stranger or a writer fills, renders inert on
every page that shows it: parsed as a browser would, nothing on the page can run."""

from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from lxml import etree

from .catalogue import (
    PAYLOAD_IDS,
    PAYLOADS,
    SEARCH_WORD,
    build_world,
    json_ld,
    parse,
    problems,
    strings_in,
    with_marker,
)

# Escaping and what cached pages carry are the same on any database: the SQLite leg only.
pytestmark = [pytest.mark.django_db, pytest.mark.one_database]

# Each payload's world is built once and read by all of its tests (pytest runs them
# together): none of them writes to it, and what a test does write (a session, a login's
# time) is rolled back after it, inside the world's own transaction. Built per test, the
# 78 worlds cost more than the pages they were read from.
payloads = pytest.mark.parametrize("payload", PAYLOADS, ids=PAYLOAD_IDS, scope="module")

# What tests/conftest.py's autouse fixtures set for each test, set while a world is built.
AS_IN_EACH_TEST = {
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
    "SITE_URL": "http://testserver",
    "CACHES": {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "PREPUBLISH_LINK_CHECKS": False,
}


@pytest.fixture(scope="module")
def world_media(tmp_path_factory):
    return tmp_path_factory.mktemp("media")


@pytest.fixture
def media_root(world_media, settings):
    """The pictures of the world the test reads (replaces the autouse per-test folder)."""
    settings.MEDIA_ROOT = world_media
    return world_media


@pytest.fixture(scope="module")
def world(payload, world_media, django_db_setup, django_db_blocker):
    settings = AS_IN_EACH_TEST | {"MEDIA_ROOT": world_media}
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(**settings):
            built = build_world(payload)
        yield built
        transaction.set_rollback(True)


def public_pages(world):
    article, text = world["article"], world["text"]
    return {
        "article": article.get_absolute_url(),
        "home": reverse("articles:home"),
        "category": article.category.get_absolute_url(),
        "tag": reverse("articles:tag", kwargs={"slug": world["tag"].slug}),
        "author": world["writer"].get_absolute_url(),
        "search results": reverse("search:search") + f"?q={SEARCH_WORD}",
        "search query": reverse("search:search") + "?" + urlencode({"q": text}),
    }


def assert_inert(html, payload, where):
    found = problems(html, payload)
    assert not found, f"{where}: {found}"


@payloads
def test_every_public_page_showing_the_payload_is_inert(client, payload, world):
    for where, url in public_pages(world).items():
        response = client.get(url)
        assert response.status_code == 200, where
        html = response.content.decode()
        assert_inert(html, payload, where)
        assert world["text"] in parse(html).get_text(), f"{where} does not show the payload"


@payloads
def test_the_article_page_shows_the_payload_as_text_also_in_its_metadata(client, payload, world):
    text, shown, tag = world["text"], world["shown"], world["tag"]
    soup = parse(client.get(world["article"].get_absolute_url()).content.decode())
    assert soup.find("h1").get_text(strip=True) == shown
    page_text = soup.get_text()
    # The headline and standfirst (typeset), the comment (as typed) at least.
    assert page_text.count(shown) + (page_text.count(text) if shown != text else 0) >= 3
    assert any(text in figcaption.get_text() for figcaption in soup.find_all("figcaption"))
    assert any(img.get("alt") == text for img in soup.find_all("img"))
    metas = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
    assert shown in metas["og:title"]
    assert metas["og:description"] == shown
    assert metas["article:tag"] == tag.name
    # JSON-LD: json.loads fails the test if a payload broke out of its block.
    news = next(block for block in json_ld(soup) if block.get("@type") == "NewsArticle")
    assert (news["headline"], news["keywords"]) == (shown, [tag.name])
    assert text in set(strings_in(news["author"]))
    for script in soup.find_all("script", type="application/ld+json"):
        assert "</script" not in (script.string or "").lower()


@payloads
def test_the_author_page_shows_name_and_bio_as_text_also_in_json_ld(client, payload, world):
    text = world["text"]
    soup = parse(client.get(world["writer"].get_absolute_url()).content.decode())
    assert soup.find("h1").get_text(strip=True) == text
    assert text in soup.get_text()
    assert text in set(strings_in(json_ld(soup)))


def feed_urls(world):
    return [
        reverse("syndication:rss"),
        reverse("syndication:atom"),
        reverse("syndication:tag-rss", kwargs={"slug": world["tag"].slug}),
        reverse("syndication:author-atom", kwargs={"slug": world["writer"].slug}),
        reverse("syndication:category-rss", kwargs={"slug": world["article"].category.slug}),
    ]


def feed_tree(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return etree.fromstring(response.content)  # well-formed: nothing broke out of the XML


def local(element):
    return etree.QName(element).localname


@payloads
def test_feeds_stay_well_formed_and_carry_the_headline_as_text(client, payload, world):
    for url in feed_urls(world):
        tree = feed_tree(client, url)
        assert world["shown"] in [el.text for el in tree.iter() if local(el) == "title"], url
        assert not {local(el) for el in tree.iter()} & {"script", "img", "svg", "iframe"}, url


@pytest.mark.parametrize(
    "payload",
    [pytest.param(p, id=i) for p, i in zip(PAYLOADS, PAYLOAD_IDS, strict=True)],
    scope="module",
)
def test_feed_summaries_are_inert_html_showing_the_standfirst_as_text(client, payload, world):
    for url in feed_urls(world):
        summaries = [
            el.text
            for el in feed_tree(client, url).iter()
            if local(el) in {"description", "summary", "content", "encoded"}
            and local(el.getparent()) in {"item", "entry"}
        ]
        assert summaries, url
        for html in summaries:
            assert_inert(html, payload, f"{url} summary")
            assert parse(html).get_text() == world["shown"], url


@payloads
def test_the_commenters_forms_echo_the_payload_inert(client, payload, world):
    article, comment = world["article"], world["comment"]
    client.force_login(world["commenter"])
    post = reverse("comments:post", kwargs={"article_id": article.pk})
    duplicate = client.post(post, {"body": comment.body})
    assert duplicate.status_code == 409
    assert_inert(duplicate.content.decode(), payload, "comment form, refused")
    assert parse(duplicate.content.decode()).find("textarea").string == comment.body
    for where, url in {
        "edit": reverse("comments:edit", kwargs={"pk": comment.pk}),
        "reply": reverse("comments:reply", kwargs={"pk": comment.pk}),
        "article, logged in": article.get_absolute_url(),
    }.items():
        response = client.get(url)
        assert response.status_code == 200, where
        assert_inert(response.content.decode(), payload, where)


@payloads
def test_the_profile_form_echoes_the_payload_inert(client, payload, world):
    client.force_login(world["writer"])
    response = client.get(reverse("accounts:profile"))
    soup = parse(response.content.decode())
    assert_inert(response.content.decode(), payload, "profile")
    assert soup.find("input", attrs={"name": "display_name"})["value"] == world["text"]
    assert soup.find("textarea", attrs={"name": "bio"}).get_text().strip() == world["text"]


@payloads
def test_the_signup_form_refuses_the_payload_as_a_username_and_echoes_it_inert(client, payload):
    text = with_marker(payload)
    response = client.post(
        reverse("accounts:signup"),
        {
            "username": text,
            "display_name": text,
            "email": "x@example.com",
            "password1": "a quiet harbour at dawn",
            "password2": "a quiet harbour at dawn",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert_inert(html, payload, "sign-up")
    soup = parse(html)
    assert soup.find("input", attrs={"name": "username"})["value"] == text
    assert soup.find("input", attrs={"name": "display_name"})["value"] == text


def test_the_checker_itself_catches_what_a_browser_would_run():
    """If the checker missed these, every test above would pass for nothing."""
    live = [
        "<img src=x onerror=alert(1)>",
        '<a href="java\tscript:alert(1)">x</a>',
        '<a href=" data:text/html,x">x</a>',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script><script>alert(1)</script>',
        '<script src="https://evil.example/x.js"></script>',
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        '<input value="" autofocus onfocus="alert(1)">',
        "<p>49 quokka</p>",
    ]
    for html in live:
        assert problems(html, "{{7*7}}"), html
    assert not problems('<script src="/static/js/site.js" defer></script><p>x</p>', "x")
