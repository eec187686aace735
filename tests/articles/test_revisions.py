"""Revisions: every save kept, a readable diff, restore; and no silent overwrite."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import Article
from tests.articles import newsroom
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return newsroom.editor(display_name="Sofia Marquez")


def change(client, article, **changes):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        newsroom.article_form_data(article, **changes),
    )


def test_every_admin_save_keeps_a_revision_with_who_and_what(client, editor):
    article = ArticleFactory(headline="First headline")
    client.force_login(editor)
    change(client, article, headline="Second headline")
    latest = article.history.latest()
    assert latest.headline == "Second headline"
    assert latest.history_user == editor
    assert article.history.count() == 2


def test_the_history_page_lists_revisions_and_workflow_steps(client, editor):
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    services.article_publish(article=article, user=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Compare selected revisions" in html
    assert "Sofia Marquez — publish" in html


def test_the_diff_shows_what_changed_between_two_revisions(client, editor):
    article = ArticleFactory(body="The council met on Tuesday.")
    client.force_login(editor)
    change(client, article, body="The council met on Wednesday.", headline="New words")
    old, new = article.history.order_by("history_date")
    page = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": old.history_id, "new": new.history_id},
    ).content.decode()
    assert "<del>-The council met on Tuesday.</del>" in page
    assert "<ins>+The council met on Wednesday.</ins>" in page
    assert "Headline" in page
    assert "Standfirst" not in page  # unchanged fields stay out of the way


def test_restoring_a_revision_brings_back_its_words_and_is_itself_a_revision(client, editor):
    article = ArticleFactory(headline="Original", body="Original body.")
    client.force_login(editor)
    change(client, article, headline="Botched", body="Botched body.")
    first = article.history.earliest()
    response = client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": first.history_id},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.body) == ("Original", "Original body.")
    assert "<p>Original body.</p>" in article.body_html
    assert article.history.count() == 3


def test_a_writer_cannot_restore_someone_elses_article(client, editor):
    article = ArticleFactory(headline="Keep me")
    client.force_login(editor)
    change(client, article, headline="Kept by editor")
    client.force_login(newsroom.writer())
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": article.history.earliest().history_id},
    )
    article.refresh_from_db()
    assert article.headline == "Kept by editor"


def test_the_later_of_two_editors_is_told_of_the_conflict_and_can_then_save(client, editor):
    article = ArticleFactory(headline="Shared story")
    stale = newsroom.article_form_data(article)  # both editors open the same version
    other = newsroom.editor()
    client.force_login(other)
    change(client, article, headline="Her version")

    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, {**stale, "headline": "My version"})
    assert response.status_code == 200
    assert "Someone else saved this article after you opened it" in response.content.decode()
    article.refresh_from_db()
    assert article.headline == "Her version"

    # The form now carries the current version: saving again is a deliberate overwrite.
    retry = {**stale, "headline": "My version", "edit_version": article.lock_version}
    assert client.post(url, retry).status_code == 302
    article.refresh_from_db()
    assert article.headline == "My version"
    assert {"Her version", "My version"} <= set(article.history.values_list("headline", flat=True))


def test_a_conflicting_form_keeps_what_the_editor_typed(client, editor):
    article = ArticleFactory()
    stale = newsroom.article_form_data(article)
    services.article_submit(article=article, user=newsroom.editor())
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {**stale, "body": "Three paragraphs I must not lose."},
    )
    assert "Three paragraphs I must not lose." in response.content.decode()
