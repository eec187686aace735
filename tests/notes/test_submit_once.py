"""A note sent twice (a double click, a retried POST) is posted once, and the second
answer says so; the same form sent again with other text is a new note."""

import re

import pytest
from django.urls import reverse

from notes.models import Note
from shared.cache import content_version
from shared.submit_once import SENT_TWICE

from .conftest import as_user

pytestmark = pytest.mark.django_db


def new_note_form_token(client, article):
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content
    form = re.search(rb'<form [^>]*class="nr-notes__form">.*?</form>', html, re.S)
    return re.search(rb'name="submit_once" value="([^"]+)"', form.group()).group(1).decode()


def test_a_note_sent_twice_is_posted_once_and_the_second_answer_says_so(client, sofia, draft):
    as_user(client, sofia)
    data = {
        "body": "Is the union quote confirmed?",
        "submit_once": new_note_form_token(client, draft),
    }
    before = content_version()

    first = client.post(reverse("notes:post", args=[draft.pk]), data)
    second = client.post(reverse("notes:post", args=[draft.pk]), data, follow=True)

    assert Note.objects.filter(article=draft).count() == 1
    assert second.redirect_chain[0] == (first["Location"], 302)
    page = second.content.decode()
    assert "Note posted." in page and SENT_TWICE in page
    assert content_version() == before


def test_the_same_form_sent_again_with_other_text_posts_a_second_note(client, sofia, draft):
    as_user(client, sofia)
    token = new_note_form_token(client, draft)  # the page kept open, or the back button

    client.post(reverse("notes:post", args=[draft.pk]), {"body": "First", "submit_once": token})
    client.post(reverse("notes:post", args=[draft.pk]), {"body": "Second", "submit_once": token})

    assert sorted(Note.objects.values_list("body", flat=True)) == ["First", "Second"]


def test_a_refused_note_sent_twice_is_refused_twice_and_its_text_kept(client, sofia, draft):
    as_user(client, sofia)
    data = {"body": "   ", "submit_once": new_note_form_token(client, draft)}

    client.post(reverse("notes:post", args=[draft.pk]), data)
    second = client.post(reverse("notes:post", args=[draft.pk]), data, follow=True)

    assert not Note.objects.exists()
    assert "The note was not saved" in second.content.decode()
