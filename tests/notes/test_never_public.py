"""Notes never reach readers: no public surface of the article carries a note's text, and
writing notes changes no public cache key."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from api.models import StaffToken
from newsletters import mail
from newsletters.models import Kind, Send, Subscriber
from notes.models import Note
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory
from webhooks import payloads

from .conftest import as_user

pytestmark = pytest.mark.django_db

SECRET = "Quartzfinch source wants anonymity"


@pytest.fixture
def story(edda):
    author = people.writer(display_name="Amara Okafor")
    return ArticleFactory(
        published=True,
        headline="Harbour tunnel reopens",
        body="The tunnel reopened at dawn.",
        authors=[author],
        tags=["Harbour"],
    )


def public_addresses(story):
    tag = story.tags.get()
    author = story.authors.get()
    slugs = {"category": story.category.slug, "tag": tag.slug, "author": author.slug}
    return [
        story.get_absolute_url(),
        "/",
        story.category.get_absolute_url(),
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
        reverse("search:search") + "?q=tunnel",
        "/api/v1/articles/",
        f"/api/v1/articles/{story.slug}/",
    ]


def test_a_note_is_on_no_public_surface_of_its_article(client, edda, story):
    as_user(client, edda).post(reverse("notes:post", args=[story.pk]), {"body": f"{SECRET} @edda"})
    thread = Note.objects.get()
    client.post(reverse("notes:post", args=[story.pk]), {"body": SECRET, "parent": thread.pk})
    assert Note.objects.count() == 2
    # The staff page shows it: the phrase is real text, so the crawl below would find it.
    change = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    assert SECRET in change.content.decode()

    reader = Client()
    seen_the_story = 0
    for address in public_addresses(story):
        response = reader.get(address)
        assert response.status_code == 200, address
        text = response.content.decode()
        assert "Quartzfinch" not in text and "wants anonymity" not in text, address
        seen_the_story += story.slug in text
    assert seen_the_story >= 15  # the crawl looked where the story is

    # Searching for the note's words finds nothing (the page repeats only the query).
    found = reader.get(reverse("search:search"), {"q": "Quartzfinch anonymity"})
    assert story.slug not in found.content.decode()
    assert "source wants" not in found.content.decode()

    # Nor the staff's side of the API: an Editor's token reads the article without them.
    token = StaffToken(name="Wire importer", user=edda)
    secret = token.issue()
    token.save()
    staff = reader.get(
        f"/api/v1/staff/articles/{story.pk}/", headers={"Authorization": f"Bearer {secret}"}
    )
    assert staff.status_code == 200 and story.slug in staff.content.decode()
    assert "Quartzfinch" not in staff.content.decode()

    webhook = json.dumps(payloads.article_data(story))
    assert story.slug in webhook and SECRET not in webhook

    subscriber = Subscriber.objects.create(email="r@example.com", confirmed_at="2026-01-01T00:00Z")
    alert = mail.for_send(Send(kind=Kind.ALERT, subject="Breaking", article=story), subscriber)
    parts = [alert.body, *(content for content, _ in alert.alternatives)]
    assert any(story.slug in part for part in parts)
    assert not any(SECRET in part for part in parts)


def test_writing_notes_changes_no_public_cache_key(client, edda, story):
    Client().get(story.get_absolute_url())  # a cached page that must stay fresh
    before = content_version()

    as_user(client, edda)
    client.post(reverse("notes:post", args=[story.pk]), {"body": "First @edda"})
    note = Note.objects.get()
    client.post(reverse("notes:post", args=[story.pk]), {"body": "Reply", "parent": note.pk})
    client.post(reverse("notes:edit", args=[note.pk]), {"body": "First, edited"})
    client.post(reverse("notes:resolve", args=[note.pk]))
    client.post(reverse("notes:delete", args=[note.pk]))

    assert content_version() == before
    assert not Note.objects.exists()
