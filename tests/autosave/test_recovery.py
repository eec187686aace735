"""Opening the change form with an autosave newer than the article's last save: the panel
offers it with what differs; saving the article clears it; readers never see it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from autosave.models import Autosave
from autosave.services import autosave_store
from tests import people
from tests.autosave.conftest import autosave_url, change_url

pytestmark = pytest.mark.django_db


def keep(article, user, **data):
    return autosave_store(article=article, user=user, data=data, base_version=article.lock_version)


def test_the_change_form_offers_a_newer_autosave_with_a_word_level_diff(client, writer, draft):
    later = draft.updated_at + timedelta(minutes=7)
    with time_machine.travel(later, tick=False):
        keep(
            draft,
            writer,
            headline="Harbour fees rise",
            body="The council met on Tuesday night.\n\nFees rise by a tenth.",
        )
    client.force_login(writer)

    page = client.get(change_url(draft)).content.decode()

    shown = timezone.localtime(later).strftime("%H:%M")
    assert "You have unsaved changes from" in page
    assert f">{shown}</time>" in page
    assert re.search(r"met on <del\s*>Tuesday\.</del><ins\s*>Tuesday night\.</ins></p>", page)
    assert "The council met on Tuesday night." in page  # the whole text, read-only
    assert "data-restore hidden>Restore</button>" in page
    assert ">Discard</button>" in page
    assert "<h3>Headline</h3>" not in page  # only what differs


def test_nothing_is_offered_when_the_autosave_matches_the_article(client, writer, draft):
    keep(draft, writer, headline=draft.headline, body=draft.body.replace("\n", "\r\n"))
    client.force_login(writer)

    page = client.get(change_url(draft)).content.decode()

    assert "You have unsaved changes" not in page
    assert 'id="nr-autosave"' in page  # the status line and the script are there all the same


def test_someone_elses_autosave_is_not_offered(client, writer, draft):
    keep(draft, people.editor(username="sofia"), body="The editor's version.")
    client.force_login(writer)

    assert "You have unsaved changes" not in client.get(change_url(draft)).content.decode()


def test_an_autosave_older_than_a_colleagues_save_is_still_offered_with_a_warning(
    client, writer, draft
):
    with time_machine.travel(draft.updated_at + timedelta(minutes=1)):
        keep(draft, writer, body="My paragraph, typed before the editor saved.")
    with time_machine.travel(draft.updated_at + timedelta(minutes=5)):
        draft.standfirst = "Tightened by the editor."
        draft.save()
    client.force_login(writer)

    page = client.get(change_url(draft)).content.decode()

    assert "You have unsaved changes from" in page
    assert "The article was saved since" in page


def test_saving_the_article_clears_your_autosave_and_keeps_a_colleagues(client, writer, draft):
    editor = people.editor(username="sofia")
    keep(draft, writer, body="Typed, then saved.")
    keep(draft, editor, body="The editor's unsaved words.")
    client.force_login(writer)

    response = client.post(
        change_url(draft), people.article_form_data(draft, body="Typed, then saved.")
    )

    assert response.status_code == 302
    assert list(Autosave.objects.values_list("user__username", flat=True)) == ["sofia"]


def test_a_refused_save_keeps_the_autosave(client, writer, draft):
    keep(draft, writer, body="Typed while someone else saved.")
    stale = people.article_form_data(draft, body="Typed while someone else saved.")
    draft.body = "The editor's own version of the body."
    draft.save()  # a colleague's save of the same text: the writer's must be merged first
    client.force_login(writer)

    response = client.post(change_url(draft), stale)

    assert "Merge your version with" in response.content.decode()
    assert Autosave.objects.filter(user=writer).exists()


def test_discard_without_javascript_deletes_the_autosave_and_returns_to_the_form(
    client, writer, draft
):
    keep(draft, writer, body="Not wanted after all.")
    client.force_login(writer)

    response = client.post(f"/admin/autosave/{draft.pk}/discard/", follow=True)

    assert response.redirect_chain[-1][0] == change_url(draft)
    assert "Your unsaved changes were discarded." in response.content.decode()
    assert not Autosave.objects.exists()


def test_the_offer_is_answered_alone_for_a_copy_the_browser_sends_late(client, writer, draft):
    client.force_login(writer)
    assert client.get(f"/admin/autosave/{draft.pk}/offer/").status_code == 204

    client.post(autosave_url(draft), {"body": "Typed while the network was down."})
    offer = client.get(f"/admin/autosave/{draft.pk}/offer/")

    assert offer.status_code == 200
    assert "Typed while the network was down." in offer.content.decode()


def test_the_add_page_keeps_a_copy_in_the_browser_only(client, writer):
    client.force_login(writer)

    page = client.get("/admin/articles/article/add/").content.decode()

    assert 'data-storage-key="newsroom-autosave:' in page
    assert "data-save-url" not in page
    assert "autosave/autosave.js" in page


def test_readers_see_the_published_text_after_an_autosave(client, published):
    keep(published, people.editor(username="sofia"), body="Unsaved: the fees are cancelled.")

    page = client.get(published.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/articles/{published.slug}/").content.decode()

    assert "Fees rise by a tenth." in page
    assert "cancelled" not in page
    assert "Fees rise by a tenth." in api
    assert "cancelled" not in api


def test_restoring_text_typed_before_a_colleagues_save_restores_the_version_it_was_typed_on(
    client, writer, draft
):
    # Saved as is, the restored text would replace the colleague's save: restored with the
    # version it was typed on, the save meets theirs as a merge (articles/conflict.py).
    opened = draft.history.values_list("history_id", flat=True).first()
    with time_machine.travel(draft.updated_at + timedelta(minutes=1)):
        autosave_store(
            article=draft,
            user=writer,
            data={"body": "My paragraph, typed before the editor saved."},
            base_version=draft.lock_version,
            base_revision=str(opened),
        )
    typed_on = draft.lock_version
    with time_machine.travel(draft.updated_at + timedelta(minutes=5)):
        draft.standfirst = "Tightened by the editor."
        draft.save()
    client.force_login(writer)

    page = client.get(change_url(draft)).content.decode()

    restore = re.search(r'id="nr-autosave-restore" type="application/json">(.*?)</script>', page)
    assert f'"edit_version": "{typed_on}"' in restore[1]
    assert f'"edit_revision": "{opened}"' in restore[1]
