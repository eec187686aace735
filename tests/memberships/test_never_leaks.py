"""A story for one tier's members: its text past the teaser reaches no surface served to a
reader who may not read it (pages, feeds, sitemaps, search, the API, the JSON-LD, the poll
endpoint, a newsletter alert), and reaches the page of a member of that tier.

One in-process crawl with the test client, as four readers. The edge (Varnish, a CDN) is
not started here: what it may keep is what these responses allow (`public` only for the
teaser page; the member's page is `private`), which the crawl asserts.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from live.services import post_update
from memberships.models import AccessRule, Level
from newsletters import mail
from newsletters.models import Kind, Send, Subscriber
from tests import people
from tests.live.factories import live_page
from webhooks import payloads

from .conftest import SECRET, member_of, story

pytestmark = pytest.mark.django_db


def surfaces(article):
    tag = article.tags.get()
    author = article.authors.get()
    slugs = {"category": article.category.slug, "tag": tag.slug, "author": author.slug}
    return [
        article.get_absolute_url(),
        "/",
        article.category.get_absolute_url(),
        reverse("articles:tag", args=[tag.slug]),
        reverse("articles:author", args=[author.slug]),
        reverse("syndication:rss"),
        reverse("syndication:atom"),
        *(reverse(f"syndication:{kind}-rss", args=[slug]) for kind, slug in slugs.items()),
        *(reverse(f"syndication:{kind}-atom", args=[slug]) for kind, slug in slugs.items()),
        reverse("syndication:sitemap-index"),
        reverse("syndication:news-sitemap"),
        *(
            reverse("syndication:sitemap-section", args=[name])
            for name in ("articles", "categories", "tags", "authors")
        ),
        reverse("search:search") + "?q=Zephyrquill",
        reverse("search:search") + "?q=harbour",
        "/api/v1/articles/",
        f"/api/v1/articles/{article.slug}/",
    ]


def reader_as(who, gold, silver):
    client = Client()
    user = {
        "anonymous": lambda: None,
        "registered": lambda: people.reader(),
        "member of another tier": lambda: member_of(silver),
        "member": lambda: member_of(gold),
    }[who]()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("who", ["anonymous", "registered", "member of another tier", "member"])
def test_a_tier_story_reaches_its_members_page_alone(who, gold, silver):
    article = story(Level.TIER, tier=gold)
    client = reader_as(who, gold, silver)
    entitled = who == "member"

    seen_the_story = 0
    for address in surfaces(article):
        response = client.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        seen_the_story += article.slug in text
        if address == article.get_absolute_url():
            # The teaser is everyone's; the rest only the member's, never kept for others.
            assert "Residents filled the gallery" in text
            assert (SECRET in text) is entitled
            assert ("inquiry opens on Monday" in text) is entitled
            assert ("This story is for members of Gold or higher" in text) is not entitled
            if entitled:
                assert "private" in response["Cache-Control"]
            continue
        assert SECRET not in text and "inquiry opens" not in text, address
    assert seen_the_story >= 15  # the crawl looked where the story is

    # Searching for words behind the wall shows no excerpt of them.
    found = client.get(reverse("search:search"), {"q": "Zephyrquill ledger tunnel"})
    assert "went elsewhere" not in found.content.decode()

    # The live poll endpoint of a page that is not live answers nothing of it.
    poll = client.get(reverse("live:poll", args=[article.pk]))
    assert SECRET not in poll.content.decode()

    # Outgoing copies: a newsletter alert and a webhook's payload carry no body either.
    subscriber = Subscriber.objects.create(email="r@example.com", confirmed_at="2026-01-01T00:00Z")
    alert = mail.for_send(Send(kind=Kind.ALERT, subject="Breaking", article=article), subscriber)
    for part in [alert.body, *(content for content, _ in alert.alternatives)]:
        assert SECRET not in part
    assert SECRET not in json.dumps(payloads.article_data(article))


def test_the_api_shows_the_teaser_of_a_members_story(gold):
    article = story(Level.MEMBERS)
    data = Client().get(f"/api/v1/articles/{article.slug}/").json()
    assert "The council met at dawn" in data["body_html"]
    assert SECRET not in data["body_html"]


def test_a_live_page_behind_a_wall_keeps_its_updates_out_of_shared_answers(gold):
    editor, reporter = people.editor(), people.writer()
    article = live_page(authors=[reporter], by=editor, headline="Storm hits the harbour")
    post_update(article=article, user=reporter, body=f"The {SECRET} is under water.")
    AccessRule.objects.create(article=article, level=Level.MEMBERS)
    page, poll = article.get_absolute_url(), reverse("live:poll", args=[article.pk])
    reader = Client()
    for address in (page, poll, page, poll):  # twice: a kept copy leaks no more
        response = reader.get(address)
        assert response.status_code == 200
        assert SECRET not in response.content.decode(), address

    # A member reads the stream on the page and in the poll, as the body; nothing they were
    # shown is kept for the next reader.
    member = Client()
    member.force_login(member_of(gold))
    seen = member.get(page).content.decode()
    assert f"The {SECRET} is under water." in seen
    assert "data-live-walled" in seen  # live.js polls with the member's cookie
    answer = member.get(poll)
    assert "private" in answer["Cache-Control"]
    assert SECRET in answer.json()["updates"][0]["html"]
    for address in (page, poll):
        assert SECRET not in Client().get(address).content.decode(), address
        assert SECRET not in reader.get(address).content.decode(), address
