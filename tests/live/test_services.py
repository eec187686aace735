"""Posting, editing, pinning and deleting updates, and who may: checked by the services,
so the desk's buttons and a forged POST meet the same rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from live import services
from live.models import LiveUpdate
from tests.factories import ArticleFactory, UserFactory
from tests.live.factories import live_page
from tests.people import writer

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(desk_editor, reporter):
    return live_page(authors=[reporter], by=desk_editor)


def test_a_writer_on_the_byline_posts_an_update_readers_see(client, page, reporter):
    update = services.post_update(article=page, user=reporter, body="Crowds gather at the quay.")

    assert update.author == reporter
    assert update.body_html == "<p>Crowds gather at the quay.</p>"
    page.refresh_from_db()
    assert page.live_updated_at == update.published_at
    assert "Crowds gather at the quay." in client.get(page.get_absolute_url()).content.decode()


def test_a_writer_not_on_the_byline_is_refused(page, outsider):
    with pytest.raises(PermissionDenied):
        services.post_update(article=page, user=outsider, body="I was not asked.")
    assert not LiveUpdate.objects.exists()


def test_a_reader_without_newsroom_rights_is_refused_even_on_the_byline(page):
    reader = UserFactory()
    page.authors.add(reader)
    with pytest.raises(PermissionDenied):
        services.post_update(article=page, user=reader, body="Hello")


def test_a_writer_edits_their_own_update_but_not_a_colleagues(page, reporter, desk_editor):
    colleague = writer()
    page.authors.add(colleague)
    own = services.post_update(article=page, user=reporter, body="Two ferries delayed.")
    theirs = services.post_update(article=page, user=colleague, body="Roads closed.")

    services.edit_update(update=own, user=reporter, body="Three ferries delayed.")
    with pytest.raises(PermissionDenied):
        services.edit_update(update=theirs, user=reporter, body="Roads open.")

    own.refresh_from_db()
    theirs.refresh_from_db()
    assert (own.body, own.version, own.edited_at is not None) == ("Three ferries delayed.", 2, True)
    assert (theirs.body, theirs.version) == ("Roads closed.", 1)


@pytest.mark.parametrize(
    "act",
    [
        lambda update, user: services.pin_update(update=update, user=user),
        lambda update, user: services.delete_update(update=update, user=user),
        lambda update, user: services.end_coverage(article=update.article, user=user),
    ],
    ids=["pin", "delete", "end"],
)
def test_pinning_deleting_and_ending_are_for_editors_only(page, reporter, act):
    update = services.post_update(article=page, user=reporter, body="Update.")
    with pytest.raises(PermissionDenied):
        act(update, reporter)


def test_a_writer_may_not_post_a_pinned_update(page, reporter):
    with pytest.raises(PermissionDenied):
        services.post_update(article=page, user=reporter, body="Me first", is_pinned=True)


def test_an_editor_posts_edits_anyones_pins_deletes_and_ends(page, reporter, desk_editor):
    theirs = services.post_update(article=page, user=reporter, body="Smoke seen.")
    services.edit_update(update=theirs, user=desk_editor, body="Smoke seen near the pier.")
    services.pin_update(update=theirs, user=desk_editor)
    own = services.post_update(article=page, user=desk_editor, body="Statement due.")
    services.delete_update(update=own, user=desk_editor)
    services.end_coverage(article=page, user=desk_editor)

    theirs.refresh_from_db()
    own.refresh_from_db()
    page.refresh_from_db()
    assert theirs.is_pinned and theirs.body == "Smoke seen near the pier."
    assert own.is_deleted
    assert not page.is_live and page.is_live_coverage
    assert page.live_updated_at == theirs.published_at  # the deleted one no longer counts


def test_pinning_an_update_unpins_the_one_pinned_before(page, desk_editor):
    first = services.post_update(article=page, user=desk_editor, body="One", is_pinned=True)
    second = services.post_update(article=page, user=desk_editor, body="Two")
    services.pin_update(update=second, user=desk_editor)

    first.refresh_from_db()
    assert not first.is_pinned and first.version == 2
    assert list(LiveUpdate.objects.filter(is_pinned=True)) == [second]


def test_every_change_keeps_a_revision_with_who_made_it(page, reporter, desk_editor):
    update = services.post_update(article=page, user=reporter, body="Draft wording.")
    services.edit_update(update=update, user=reporter, body="Better wording.")
    services.pin_update(update=update, user=desk_editor)
    services.delete_update(update=update, user=desk_editor)

    revisions = list(update.history.order_by("history_date"))
    assert [r.history_change_reason for r in revisions] == ["Posted", "Edited", "Pinned", "Deleted"]
    assert [r.history_user for r in revisions] == [reporter, reporter, desk_editor, desk_editor]
    assert [r.body for r in revisions[:2]] == ["Draft wording.", "Better wording."]


def test_a_correction_is_marked_and_stays_marked(client, page, reporter):
    update = services.post_update(article=page, user=reporter, body="Four injured.")
    services.edit_update(update=update, user=reporter, body="Three injured.", is_correction=True)
    services.edit_update(update=update, user=reporter, body="Three people injured.")

    update.refresh_from_db()
    assert update.is_correction
    assert update.history.first().history_change_reason == "Edited"
    assert update.history.all()[1].history_change_reason == "Corrected"
    html = client.get(page.get_absolute_url()).content.decode()
    assert "Corrected" in html and "Three people injured." in html


def test_bodies_are_stored_with_lf_and_rendered_through_the_article_sanitiser(page, reporter):
    update = services.post_update(
        article=page,
        user=reporter,
        body="First line.\r\n\r\n<script>alert(1)</script> **Bold**",
        headline='The "latest"',
    )
    assert update.body == "First line.\n\n<script>alert(1)</script> **Bold**"
    assert "<script>" not in update.body_html and "<strong>Bold</strong>" in update.body_html
    assert update.headline == "The “latest”"


@pytest.mark.parametrize(
    ("body", "message"),
    [("   \r\n ", "cannot be empty"), ("word " * 3000, "the limit is 10,000")],
    ids=["empty", "too long"],
)
def test_an_empty_or_overlong_update_is_refused_with_the_reason(page, reporter, body, message):
    with pytest.raises(ValidationError) as refused:
        services.post_update(article=page, user=reporter, body=body)
    assert message in str(refused.value)
    assert not LiveUpdate.objects.exists()


def test_nobody_posts_to_a_page_whose_coverage_ended_or_never_started(page, reporter, desk_editor):
    services.end_coverage(article=page, user=desk_editor)
    with pytest.raises(ValidationError):
        services.post_update(article=page, user=desk_editor, body="Late news")
    plain = ArticleFactory(published=True, authors=[reporter])
    with pytest.raises(ValidationError):
        services.post_update(article=plain, user=reporter, body="Not live")


def test_starting_and_ending_coverage_are_revisions_of_the_article(desk_editor, reporter):
    article = ArticleFactory(published=True, authors=[reporter])
    with pytest.raises(PermissionDenied):
        services.start_coverage(article=article, user=reporter)
    services.start_coverage(article=article, user=desk_editor)
    services.end_coverage(article=article, user=desk_editor)

    reasons = list(article.history.values_list("history_change_reason", flat=True)[:2])
    assert reasons == ["Live coverage ended", "Live coverage started"]


def test_an_embed_uses_the_article_bodys_allow_list(page, reporter):
    video = services.post_update(
        article=page,
        user=reporter,
        body="Watch.",
        embed_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    other = services.post_update(
        article=page, user=reporter, body="Read.", embed_url="https://example.com/report"
    )
    assert "youtube-nocookie.com/embed/dQw4w9WgXcQ" in video.embed_html
    assert (
        other.embed_html
        == '<p><a href="https://example.com/report" rel="noopener noreferrer">https://example.com/report</a></p>'
    )


def test_restoring_an_earlier_revision_of_the_article_keeps_its_coverage(page, desk_editor):
    from articles.services import article_restore

    before_live = page.history.last()  # the revision from before coverage started
    article_restore(article=page, user=desk_editor, history_id=before_live.history_id)
    page.refresh_from_db()
    assert page.is_live
