"""The soft lock beyond the change form: a bulk action or a workflow button (send back,
restore) leaves a story someone else is editing alone, says who holds it, and goes ahead
with the rest."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article
from presence.models import Lock
from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status
CHANGELIST = reverse("admin:articles_article_changelist")


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def words(response):
    return " ".join(response.content.decode().split())


@pytest.fixture
def sofia():
    return people.writer(username="sofia", display_name="Sofia Reyes")


@pytest.fixture
def edda():
    return people.editor(username="edda", display_name="Edda Lund")


def held_by(user, article):
    """`user` opens the article's change form: they hold it (presence/)."""
    assert (
        client_for(user)
        .get(reverse("admin:articles_article_change", args=[article.pk]))
        .status_code
        == 200
    )


def test_a_bulk_action_skips_the_story_someone_else_is_editing_and_does_the_rest(edda):
    held = ArticleFactory(published=True, headline="Ferry strike")
    free = ArticleFactory(published=True, headline="Harbour reopens")
    held_by(people.editor(username="amara", display_name="Amara Okafor"), held)

    page = words(
        client_for(edda).post(
            CHANGELIST,
            {"action": "unpublish_selected", "_selected_action": [held.pk, free.pk]},
            follow=True,
        )
    )

    held.refresh_from_db()
    free.refresh_from_db()
    assert held.is_published, "left alone"
    assert not free.is_published
    assert "Skipped “Ferry strike”: Amara Okafor is editing it." in page
    assert "Unpublished 1 article(s)." in page


def test_publish_selected_skips_a_held_story_after_the_warnings_too(sofia, edda):
    held = ArticleFactory(status=Status.IN_REVIEW, headline="Ferry strike", authors=[sofia])
    free = ArticleFactory(status=Status.IN_REVIEW, headline="Harbour reopens")
    held_by(sofia, held)
    chosen = {
        "action": "publish_selected",
        "_selected_action": [held.pk, free.pk],
        "publish_anyway": "1",
    }

    page = words(client_for(edda).post(CHANGELIST, chosen, follow=True))

    held.refresh_from_db()
    free.refresh_from_db()
    assert held.status == Status.IN_REVIEW
    assert free.is_published
    assert "Skipped “Ferry strike”: Sofia Reyes is editing it." in page


def test_the_publish_check_says_which_held_stories_will_be_skipped_before_confirming(sofia, edda):
    held = ArticleFactory(status=Status.IN_REVIEW, headline="Ferry strike", authors=[sofia])
    warned = ArticleFactory(status=Status.IN_REVIEW, headline="Harbour reopens", standfirst="")
    held_by(sofia, held)
    chosen = {"action": "publish_selected", "_selected_action": [held.pk, warned.pk]}

    page = words(client_for(edda).post(CHANGELIST, chosen))

    assert "Check before publishing" in page, "a warning to read first"
    assert "Skipped: someone is editing them" in page
    assert "“Ferry strike”: Sofia Reyes is editing it." in page
    assert "Harbour reopens" not in page.split("Skipped: someone is editing them")[1]
    assert not Article.objects.published().exists(), "nothing yet"


def test_the_holder_themselves_is_never_skipped(edda):
    story = ArticleFactory(published=True, headline="Harbour reopens")
    held_by(edda, story)
    client_for(edda).post(
        CHANGELIST, {"action": "unpublish_selected", "_selected_action": [story.pk]}
    )
    story.refresh_from_db()
    assert not story.is_published


def test_send_back_of_a_held_story_says_who_and_keeps_the_note(sofia, edda):
    story = ArticleFactory(status=Status.IN_REVIEW, headline="Ferry strike", authors=[sofia])
    held_by(sofia, story)
    url = reverse("admin:articles_article_send_back", args=[story.pk])
    editor = client_for(edda)

    assert "Sofia Reyes is editing it" in words(editor.get(url)), "said before the note"
    before = content_version()
    answer = editor.post(url, {"note": "Needs a second source for the strike date."})

    story.refresh_from_db()
    assert answer.status_code == 200
    assert story.status == Status.IN_REVIEW
    assert "Skipped “Ferry strike”: Sofia Reyes is editing it." in words(answer)
    assert "Needs a second source for the strike date." in answer.content.decode()
    assert content_version() == before


def test_restoring_a_revision_of_a_held_story_is_refused_with_who_holds_it(sofia, edda):
    story = ArticleFactory(headline="Ferry strike", authors=[sofia])
    first = story.history.earliest()
    story.headline = "Ferry strike called off"
    story.save()
    held_by(sofia, story)

    page = words(
        client_for(edda).post(
            reverse("admin:articles_article_restore", args=[story.pk]),
            {"history_id": first.history_id},
            follow=True,
        )
    )

    story.refresh_from_db()
    assert story.headline == "Ferry strike called off"
    assert "Sofia Reyes is editing it." in page


def test_featuring_a_held_story_from_the_list_is_refused_on_its_row(edda):
    held = ArticleFactory(published=True, headline="Ferry strike")
    free = ArticleFactory(published=True, headline="Harbour reopens")
    held_by(people.editor(username="amara", display_name="Amara Okafor"), held)
    rows = {"form-TOTAL_FORMS": 2, "form-INITIAL_FORMS": 2, "_save": "Save"}
    for n, story in enumerate([held, free]):
        rows |= {f"form-{n}-id": story.pk, f"form-{n}-is_featured": "on"}
        rows[f"form-{n}-feature_position"] = story.feature_position

    answer = client_for(edda).post(CHANGELIST, rows)

    held.refresh_from_db()
    assert answer.status_code == 200
    assert not held.is_featured
    assert "Amara Okafor is editing “Ferry strike”" in words(answer)
    Lock.objects.all().delete()  # she saved and left
    client_for(edda).post(CHANGELIST, rows)
    assert Article.objects.filter(is_featured=True).count() == 2, "the same rows, saved"
