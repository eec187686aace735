"""Keeping a draft copy: one row per article and person, replaced each time; for those who
may change the article only; nothing public, no revision, the article's row untouched."""

import pytest
from django.test import Client

from articles.body import MAX_BODY_CHARS
from articles.models import Article
from autosave.models import Autosave
from shared.cache import content_version
from tests import people
from tests.autosave.conftest import autosave_url

pytestmark = pytest.mark.django_db


def test_an_autosave_is_stored_and_then_replaced_not_added(client, writer, draft):
    client.force_login(writer)

    first = client.post(autosave_url(draft), {"headline": "Harbour fees rise again", "body": "A"})
    second = client.post(
        autosave_url(draft),
        {
            "headline": "Harbour fees rise again",
            "body": "The council met.\r\n\r\nFees rise.",
            "edit_version": str(draft.lock_version),
        },
    )

    assert first.status_code == second.status_code == 200
    assert "saved_at" in second.json()
    autosave = Autosave.objects.get()
    assert (autosave.article, autosave.user) == (draft, writer)
    assert autosave.data == {
        "headline": "Harbour fees rise again",
        "body": "The council met.\n\nFees rise.",
    }
    assert autosave.base_version == draft.lock_version


def test_each_person_has_their_own_autosave_of_an_article(client, writer, draft):
    editor = people.editor(username="sofia")
    client.force_login(writer)
    client.post(autosave_url(draft), {"body": "Writer's words"})
    client.force_login(editor)
    client.post(autosave_url(draft), {"body": "Editor's words"})

    assert sorted(a.data["body"] for a in Autosave.objects.filter(article=draft)) == [
        "Editor's words",
        "Writer's words",
    ]


def test_a_writer_not_on_the_article_gets_403_and_nothing_is_kept(client, draft):
    colleague = people.writer(username="ben")
    client.force_login(colleague)

    response = client.post(autosave_url(draft), {"body": "Not mine to write"})

    assert response.status_code == 403
    assert response.json()["error"] == "You may not change this article, so nothing was kept."
    assert not Autosave.objects.exists()


def test_a_writer_cannot_autosave_a_published_article_an_editor_can(client, writer, published):
    client.force_login(writer)
    assert client.post(autosave_url(published), {"body": "x"}).status_code == 403

    client.force_login(people.editor(username="sofia"))
    assert client.post(autosave_url(published), {"body": "x"}).status_code == 200


def test_readers_and_strangers_are_sent_to_the_admin_login(client, draft):
    client.force_login(people.reader())

    response = client.post(autosave_url(draft), {"body": "x"})

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_an_autosave_without_the_csrf_token_is_refused(writer, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)

    response = client.post(autosave_url(draft), {"body": "x"})

    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_a_body_over_the_limit_is_refused_with_a_clear_message(client, writer, draft):
    client.force_login(writer)
    client.post(autosave_url(draft), {"body": "The copy kept before."})

    response = client.post(autosave_url(draft), {"body": "x" * (MAX_BODY_CHARS + 1)})

    assert response.status_code == 413
    assert response.json()["error"] == (
        f"The body is {MAX_BODY_CHARS + 1:,} characters long; the limit is {MAX_BODY_CHARS:,}. "
        "Nothing was kept as a draft copy: shorten it, then save."
    )
    assert Autosave.objects.get().data["body"] == "The copy kept before."  # nothing lost


def test_an_autosave_changes_nothing_public_no_revision_and_not_the_article(
    client, writer, published
):
    client.force_login(people.editor(username="sofia"))
    before = content_version()
    revisions = published.history.count()
    row = Article.objects.filter(pk=published.pk).values().get()

    client.post(autosave_url(published), {"headline": "Harbour fees rise: draft", "body": "New"})

    assert content_version() == before
    assert published.history.count() == revisions
    assert Article.objects.filter(pk=published.pk).values().get() == row
