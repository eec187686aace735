"""The live desk in the admin: post and stay, the stream as readers see it, the editors'
buttons, and refusals of what a role may not do, by forged POST too."""

import re
from html import unescape

import pytest
from django.urls import reverse

from live.models import LiveUpdate
from live.services import start_coverage
from tests.factories import ArticleFactory
from tests.live.factories import live_page, updates
from tests.people import library_image

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(desk_editor, reporter):
    return live_page(authors=[reporter], by=desk_editor, headline="Storm hits the harbour")


def desk(article):
    return reverse("admin:live_liveupdate_desk", args=[article.pk])


def textarea(html):
    """What the body field holds, as the browser would show it."""
    found = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', html, re.S)
    return unescape(found[1]).strip("\n") if found else None


def logged_in(client, user):
    client.force_login(user)
    return client


def test_a_writer_posts_from_the_desk_and_stays_on_it(client, page, reporter):
    logged_in(client, reporter)
    response = client.post(
        desk(page),
        {"body": "Line one.\r\nLine two.\r\n\r\nNew paragraph.", "headline": "Quay flooded"},
        follow=True,
    )

    assert response.redirect_chain == [(desk(page), 302)]
    update = LiveUpdate.objects.get()
    assert update.body == "Line one.\nLine two.\n\nNew paragraph."
    assert update.author == reporter and update.headline == "Quay flooded"
    html = response.content.decode()
    assert "Posted: readers see it now." in html
    assert f'id="update-{update.pk}"' in html and "New paragraph." in html
    assert textarea(html) == ""  # the form is there again, empty, for the next update


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, page, reporter):
    logged_in(client, reporter)
    empty = client.post(desk(page), {"body": "  ", "headline": "Kept headline"})
    assert empty.status_code == 200
    assert "an update cannot be empty" in empty.content.decode()
    assert 'value="Kept headline"' in empty.content.decode()

    long = "A sentence that goes on. " * 500
    response = client.post(desk(page), {"body": long})
    html = response.content.decode()
    assert "the limit is 10,000" in html
    assert textarea(html) == long
    assert not LiveUpdate.objects.exists()


def test_a_writer_who_filed_the_page_but_is_off_its_byline_reads_the_desk_but_cannot_post(
    client, desk_editor, reporter, outsider
):
    page = live_page(authors=[reporter], by=desk_editor, created_by=outsider)
    updates(page, 1, by=reporter)
    logged_in(client, outsider)
    html = client.get(desk(page)).content.decode()
    assert "Update number 1." in html
    assert '<textarea name="body"' not in html
    assert "Only the journalists on this page's byline" in html

    assert client.post(desk(page), {"body": "Forged"}).status_code == 403
    assert not LiveUpdate.objects.filter(body="Forged").exists()


def test_a_writer_not_on_the_page_has_no_desk_for_it_as_in_the_article_admin(
    client, page, reporter, outsider
):
    updates(page, 1, by=reporter)
    logged_in(client, outsider)
    assert client.get(desk(page)).status_code == 404
    assert client.post(desk(page), {"body": "Forged"}).status_code == 404
    assert not LiveUpdate.objects.filter(body="Forged").exists()


UNPUBLISHED = {
    "draft": {},
    "in review": {"status": "review"},
    "scheduled": {"scheduled": True},
}


@pytest.mark.parametrize("state", UNPUBLISHED)
def test_a_writer_cannot_read_a_colleagues_unpublished_work_through_the_desk(
    client, desk_editor, reporter, outsider, state
):
    secret = "Minister to resign on Friday"
    article = ArticleFactory(headline=secret, authors=[reporter], **UNPUBLISHED[state])
    [update] = updates(start_coverage(article=article, user=desk_editor), 1, by=reporter)

    logged_in(client, outsider)
    answer = client.get(desk(article))
    assert answer.status_code == 404 and secret not in answer.content.decode()
    listing = client.get(reverse("admin:live_liveupdate_changelist"))
    assert listing.status_code == 200 and secret not in listing.content.decode()
    history = client.get(reverse("admin:live_liveupdate_history", args=[update.pk]))
    assert history.status_code in (403, 404) and secret not in history.content.decode()

    for colleague in (reporter, desk_editor):
        logged_in(client, colleague)
        assert secret in client.get(desk(article)).content.decode()


@pytest.mark.parametrize("action", ["pin", "delete", "end"])
def test_a_writer_has_no_editor_buttons_and_forged_ones_are_refused(client, page, reporter, action):
    [update] = updates(page, 1, by=reporter)
    logged_in(client, reporter)
    html = client.get(desk(page)).content.decode()
    assert f'value="{action}"' not in html
    response = client.post(desk(page), {"action": action, "target": update.pk})
    assert response.status_code in (302, 403)
    update.refresh_from_db()
    page.refresh_from_db()
    assert not update.is_pinned and not update.is_deleted and page.is_live
    if action != "end":
        assert response.status_code == 403


def test_an_editor_pins_deletes_edits_and_ends_from_the_desk(client, page, reporter, desk_editor):
    first, second = updates(page, 2, by=reporter)
    logged_in(client, desk_editor)
    html = client.get(desk(page)).content.decode()
    assert all(f'value="{name}"' in html for name in ("pin", "delete", "end"))

    client.post(desk(page), {"action": "pin", "target": first.pk})
    client.post(desk(page), {"action": "delete", "target": second.pk})
    edit = client.get(desk(page) + f"?edit={first.pk}").content.decode()
    assert textarea(edit) == "Update number 1." and "corrects a mistake" in edit
    client.post(
        desk(page),
        {"action": "save", "update": first.pk, "body": "Number one, fixed.", "is_correction": "on"},
    )
    client.post(desk(page), {"action": "end"})

    first.refresh_from_db()
    second.refresh_from_db()
    page.refresh_from_db()
    assert first.is_pinned and first.is_correction and first.body == "Number one, fixed."
    assert second.is_deleted
    assert not page.is_live


def test_a_writer_edits_their_own_update_from_the_desk(client, page, reporter):
    [update] = updates(page, 1, by=reporter)
    logged_in(client, reporter)
    assert f'href="?edit={update.pk}"' in client.get(desk(page)).content.decode()
    client.post(desk(page), {"action": "save", "update": update.pk, "body": "Reworded."})
    update.refresh_from_db()
    assert update.body == "Reworded." and update.version == 2


def test_an_update_can_carry_a_library_picture_and_an_embed(client, page, reporter):
    picture = library_image(alt_text="Waves over the sea wall")
    logged_in(client, reporter)
    client.post(
        desk(page),
        {
            "body": "Look at this.",
            "image": picture.pk,
            "embed_url": "https://youtu.be/dQw4w9WgXcQ",
            "is_key_point": "on",
        },
    )
    update = LiveUpdate.objects.get()
    assert update.image == picture and update.is_key_point
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'alt="Waves over the sea wall"' in html and "youtube-nocookie.com/embed/" in html


def test_an_editor_makes_an_article_a_live_page_from_its_change_page(client, desk_editor):
    article = ArticleFactory(published=True)
    logged_in(client, desk_editor)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f'href="{desk(article)}">Make this a live page</a>' in change.content.decode()

    response = client.post(desk(article), {"action": "start"}, follow=True)
    assert "Live coverage started" in response.content.decode()
    article.refresh_from_db()
    assert article.is_live
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert f'href="{desk(article)}">Live desk</a>' in change.content.decode()


def test_a_writer_cannot_start_coverage_by_forged_post(client, reporter):
    article = ArticleFactory(published=True, authors=[reporter])
    logged_in(client, reporter)
    change = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "Make this a live page" not in change.content.decode()
    assert client.post(desk(article), {"action": "start"}).status_code == 403
    article.refresh_from_db()
    assert not article.is_live_coverage


def test_the_updates_list_links_to_the_desk_and_keeps_revisions(
    client, page, reporter, desk_editor
):
    [update] = updates(page, 1, by=reporter)
    logged_in(client, desk_editor)
    listing = client.get(reverse("admin:live_liveupdate_changelist")).content.decode()
    assert f'href="{desk(page)}"' in listing
    history = client.get(reverse("admin:live_liveupdate_history", args=[update.pk]))
    assert history.status_code == 200 and "Posted" in history.content.decode()


def test_a_writer_cannot_open_a_colleagues_update_for_editing(client, page, reporter, desk_editor):
    [theirs] = updates(page, 1, by=desk_editor)
    logged_in(client, reporter)
    assert client.get(desk(page) + f"?edit={theirs.pk}").status_code == 403
    forged = {"action": "save", "update": theirs.pk, "body": "Rewritten"}
    assert client.post(desk(page), forged).status_code == 403
    theirs.refresh_from_db()
    assert theirs.body == "Update number 1."


def test_staff_without_newsroom_rights_cannot_open_the_desk(client, page):
    from tests.factories import UserFactory

    logged_in(client, UserFactory(is_staff=True))
    assert client.get(desk(page)).status_code == 403


@pytest.mark.parametrize("bad", ["²", "99999999999999999999999", "-1"])
def test_a_malformed_update_number_on_the_desk_is_not_found(client, page, desk_editor, bad):
    logged_in(client, desk_editor)
    assert client.get(desk(page) + f"?edit={bad}").status_code == 404
    assert client.post(desk(page), {"action": "pin", "target": bad}).status_code == 404
