"""Who may do what in the newsroom, checked on the server (forged POSTs included)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
Status = Article.Status


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


@pytest.fixture
def amara():
    return people.writer(username="amara")


@pytest.fixture
def lucas():
    return people.writer(username="lucas")


@pytest.fixture
def sofia():
    return people.editor(username="sofia")


def test_a_writer_edits_their_own_draft(client, amara):
    draft = ArticleFactory(authors=[amara])
    client.force_login(amara)
    response = client.post(change_url(draft), people.article_form_data(draft, headline="New"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.headline == "New"


def test_a_writer_cannot_open_or_post_to_someone_elses_article(client, amara, lucas):
    theirs = ArticleFactory(authors=[lucas], headline="Lucas’s story")
    client.force_login(amara)
    assert client.get(change_url(theirs)).status_code in {302, 404}
    client.post(change_url(theirs), people.article_form_data(theirs, headline="Defaced"))
    theirs.refresh_from_db()
    assert theirs.headline == "Lucas’s story"


def test_a_writer_does_not_see_others_articles_in_the_list(client, amara, lucas):
    ArticleFactory(authors=[amara], headline="Mine about ferries")
    ArticleFactory(authors=[lucas], headline="Theirs about trams")
    client.force_login(amara)
    page = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "Mine about ferries" in page
    assert "Theirs about trams" not in page


def test_a_writer_cannot_change_their_article_once_published(client, amara):
    live = ArticleFactory(published=True, authors=[amara], headline="Live story")
    client.force_login(amara)
    client.post(change_url(live), people.article_form_data(live, headline="Sneaky edit"))
    live.refresh_from_db()
    assert live.headline == "Live story"


def test_a_writer_forging_a_publish_in_the_form_is_refused(client, amara):
    draft = ArticleFactory(authors=[amara])
    client.force_login(amara)
    response = client.post(
        change_url(draft), people.article_form_data(draft, status=Status.PUBLISHED)
    )
    assert response.status_code == 200  # the form comes back with an error
    assert "Select a valid choice" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_writer_submits_for_review_through_the_form(client, amara):
    draft = ArticleFactory(authors=[amara])
    client.force_login(amara)
    client.post(change_url(draft), people.article_form_data(draft, status=Status.IN_REVIEW))
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert draft.transitions.get().by == amara


@pytest.mark.parametrize(
    "action", ["publish_selected", "unpublish_selected", "archive_selected", "feature_selected"]
)
def test_a_writer_forging_a_bulk_action_changes_nothing(client, amara, action):
    mine = ArticleFactory(authors=[amara], status=Status.IN_REVIEW)
    client.force_login(amara)
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": action, "_selected_action": [mine.pk]},
    )
    mine.refresh_from_db()
    assert mine.status == Status.IN_REVIEW
    assert not mine.is_featured


def test_a_writer_forging_featured_through_the_list_editor_changes_nothing(client, amara):
    mine = ArticleFactory(authors=[amara])
    client.force_login(amara)
    client.post(
        reverse("admin:articles_article_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": mine.pk,
            "form-0-is_featured": "on",
            "form-0-feature_position": "1",
            "_save": "Save",
        },
    )
    mine.refresh_from_db()
    assert not mine.is_featured


@pytest.mark.parametrize(
    "service", [services.article_publish, services.article_unpublish, services.article_archive]
)
def test_the_services_refuse_a_writer_whatever_the_caller(amara, service):
    mine = ArticleFactory(authors=[amara], status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        service(article=mine, user=amara)


def test_an_editor_changes_anyones_article_and_publishes_it(client, sofia, lucas):
    theirs = ArticleFactory(authors=[lucas], status=Status.IN_REVIEW)
    client.force_login(sofia)
    client.post(
        change_url(theirs),
        # "Publish anyway": past the pre-publish check's warnings (no picture, ...).
        people.article_form_data(
            theirs, headline="Edited", status=Status.PUBLISHED, publish_anyway="1"
        ),
    )
    theirs.refresh_from_db()
    assert theirs.headline == "Edited"
    assert theirs.is_published


def test_an_editor_bulk_publishes_and_features(client, sofia):
    first, second = ArticleFactory(status=Status.IN_REVIEW), ArticleFactory()
    client.force_login(sofia)
    changelist = reverse("admin:articles_article_changelist")
    chosen = {"action": "publish_selected", "_selected_action": [first.pk, second.pk]}
    asked = client.post(changelist, chosen)  # the pre-publish check's warnings, read first
    assert "Publish anyway: I have read these warnings" in asked.content.decode()
    client.post(changelist, {**chosen, "publish_anyway": "1"})
    client.post(changelist, {"action": "feature_selected", "_selected_action": [first.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.is_published and second.is_published
    assert first.is_featured


def test_a_reader_and_a_stranger_never_reach_the_newsroom(client):
    article = ArticleFactory()
    urls = [
        reverse("admin:articles_article_changelist"),
        change_url(article),
        reverse("admin:articles_article_preview", args=[article.pk]),
        reverse("admin:articles_article_review_queue"),
    ]
    for url in urls:
        assert client.get(url).status_code == 302  # to the admin login
    client.force_login(people.reader())
    for url in urls:
        assert client.get(url).status_code == 302
    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [article.pk]},
    )
    article.refresh_from_db()
    assert response.status_code == 302
    assert article.status == Status.DRAFT


def test_a_writer_cannot_delete_articles(client, amara):
    mine = ArticleFactory(authors=[amara])
    client.force_login(amara)
    client.post(reverse("admin:articles_article_delete", args=[mine.pk]), {"post": "yes"})
    assert Article.objects.filter(pk=mine.pk).exists()


def test_writers_and_editors_are_made_by_the_migration():
    from django.contrib.auth.models import Group

    writer = set(Group.objects.get(name="Writer").permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article", "add_image"} <= writer
    assert not {"publish_article", "edit_any_article", "delete_article"} & writer
    assert {"publish_article", "edit_any_article", "change_comment", "change_category"} <= editor
