"""Revisions: every save kept, a readable diff, restore; and no silent overwrite."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.urls import reverse

from articles import services
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return people.editor(display_name="Sofia Marquez")


def change(client, article, **changes):
    return client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, **changes),
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


def changed_rows(page):
    """The changed rows as a browser reads them: parsed, so line breaks inside tags do not count."""
    rows = BeautifulSoup(page, "html5lib").select(".nr-diff__row--changed")
    return "\n".join(row.decode_contents() for row in rows)


def test_the_diff_shows_what_changed_between_two_revisions(client, editor):
    article = ArticleFactory(body="The council met on Tuesday.")
    client.force_login(editor)
    change(client, article, body="The council met on Wednesday.", headline="New words")
    old, new = article.history.order_by("history_date")
    page = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": old.history_id, "new": new.history_id},
    ).content.decode()
    assert "The council met on <del>Tuesday.</del><ins>Wednesday.</ins>" in changed_rows(page)
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
    client.force_login(people.writer())
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": article.history.earliest().history_id},
    )
    article.refresh_from_db()
    assert article.headline == "Kept by editor"


def test_the_later_of_two_editors_is_shown_both_versions_and_can_then_keep_hers(client, editor):
    article = ArticleFactory(headline="Shared story")
    stale = people.article_form_data(article)  # both editors open the same version
    other = people.editor(display_name="Ines Duarte")
    client.force_login(other)
    change(client, article, headline="Her version")

    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])
    response = client.post(url, {**stale, "headline": "My version"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ines Duarte saved this article after you opened it" in page
    panel = BeautifulSoup(page, "html.parser").select_one(".nr-merge")
    assert "Her version" in panel.get_text() and "My version" in panel.get_text()
    article.refresh_from_db()
    assert article.headline == "Her version"

    # Keeping hers is a choice in the merge panel, posted with the version it showed.
    retry = {
        **stale,
        "headline": "My version",
        "edit_version": article.lock_version,
        "merge-plan": response.context["adminform"].form.merge.plan_id,
        "merge-headline": "mine",
    }
    assert client.post(url, retry).status_code == 302
    article.refresh_from_db()
    assert article.headline == "My version"
    assert {"Her version", "My version"} <= set(article.history.values_list("headline", flat=True))


def test_a_conflicting_form_keeps_what_the_editor_typed(client, editor):
    article = ArticleFactory()
    stale = people.article_form_data(article)
    services.article_submit(article=article, user=people.editor())
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        {**stale, "body": "Three paragraphs I must not lose."},
    )
    assert "Three paragraphs I must not lose." in response.content.decode()


def test_a_two_word_fix_shows_as_those_words_inside_its_paragraph(client, editor):
    unchanged = "The harbour opened in 1870 and has been busy since."
    article = ArticleFactory(body=f"{unchanged}\n\nFees rose by ten per cent in May.")
    client.force_login(editor)
    change(client, article, body=f"{unchanged}\n\nFees rose by twelve percent in May.")
    old, new = article.history.order_by("history_date")
    page = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": old.history_id, "new": new.history_id},
    ).content.decode()
    fix = "Fees rose by <del>ten per cent </del><ins>twelve percent </ins>in May."
    assert fix in changed_rows(page)
    assert page.count("Fees rose by") == 1  # the paragraph is not shown twice
    assert page.count(unchanged) == 1  # as context, not as a change


def test_one_admin_save_that_submits_writes_one_revision(client):
    writer = people.writer()
    article = ArticleFactory(headline="Draft", authors=[writer], created_by=writer)
    client.force_login(writer)
    before = article.history.count()
    response = change(client, article, headline="Ready", status=Article.Status.IN_REVIEW)
    assert response.status_code == 302
    assert article.history.count() == before + 1
    latest = article.history.latest()
    assert (latest.headline, latest.status) == ("Ready", Article.Status.IN_REVIEW)
    assert latest.history_user == writer


def test_one_admin_save_that_publishes_writes_one_revision(client, editor):
    article = ArticleFactory(status=Article.Status.IN_REVIEW)
    client.force_login(editor)
    before = article.history.count()
    # "Publish anyway": past the pre-publish check's warnings (no picture, ...).
    change(
        client,
        article,
        body="Edited on the desk.",
        status=Article.Status.PUBLISHED,
        publish_anyway="1",
    )
    assert article.history.count() == before + 1
    assert article.history.latest().body == "Edited on the desk."


def test_a_new_article_filed_for_review_has_one_revision(client, category):
    writer = people.writer()
    client.force_login(writer)
    data = people.article_form_data(
        ArticleFactory(),
        slug="fresh",
        authors=[writer.pk],
        status=Article.Status.IN_REVIEW,
        edit_version="",
    )
    assert client.post(reverse("admin:articles_article_add"), data).status_code == 302
    article = Article.objects.get(slug="fresh")
    assert article.status == Article.Status.IN_REVIEW
    assert article.history.count() == 1


def test_submitting_says_it_is_in_the_review_queue_and_which_editors_see_it(client):
    people.editor(display_name="Sofia Marquez")
    writer = people.writer()
    article = ArticleFactory(headline="Harbour fees", authors=[writer], created_by=writer)
    client.force_login(writer)
    response = change(client, article, status=Article.Status.IN_REVIEW)
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert shown == [
        "“Harbour fees” was submitted for review. It is in the editors' review queue "
        "(Sofia Marquez). You can still change it until an editor picks it up."
    ]


def test_an_edit_that_moves_nothing_keeps_the_usual_message(client, editor):
    article = ArticleFactory(headline="Harbour fees")
    client.force_login(editor)
    response = change(client, article, body="New words.")
    shown = [str(message) for message in get_messages(response.wsgi_request)]
    assert len(shown) == 1 and "was changed successfully" in shown[0]


def test_a_writer_restoring_a_revision_cannot_bring_back_featuring(client, editor):
    writer = people.writer()
    article = ArticleFactory(
        headline="Featured once",
        is_featured=True,
        feature_position=1,
        status=Article.Status.IN_REVIEW,
        authors=[writer],
        created_by=writer,
    )
    featured = article.history.latest()
    services.article_set_featured(article=article, user=editor, is_featured=False, position=9)
    client.force_login(writer)
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": featured.history_id},
    )
    article.refresh_from_db()
    assert article.headline == "Featured once"
    assert (article.is_featured, article.feature_position) == (False, 9)


def test_an_editor_restoring_a_revision_brings_back_featuring(client, editor):
    article = ArticleFactory(is_featured=True, feature_position=1)
    featured = article.history.latest()
    services.article_set_featured(article=article, user=editor, is_featured=False, position=9)
    client.force_login(editor)
    client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": featured.history_id},
    )
    article.refresh_from_db()
    assert (article.is_featured, article.feature_position) == (True, 1)


MALFORMED_IDS = ["²", "abc", "-1", "0", "1.5", "99999999999999999999999", ""]


@pytest.mark.parametrize("bad", MALFORMED_IDS)
def test_a_malformed_revision_number_gets_a_clear_message_not_a_server_error(client, editor, bad):
    article = ArticleFactory(headline="Kept as it was")
    client.force_login(editor)
    [revision] = article.history.all()

    compare = client.get(
        reverse("admin:articles_article_compare", args=[article.pk]),
        {"old": bad, "new": revision.history_id},
        follow=True,
    )
    assert compare.status_code == 200
    assert "Pick two revisions to compare." in compare.content.decode()

    restore = client.post(
        reverse("admin:articles_article_restore", args=[article.pk]),
        {"history_id": bad},
        follow=True,
    )
    assert restore.status_code == 200
    assert "That revision does not exist." in restore.content.decode()
    article.refresh_from_db()
    assert article.headline == "Kept as it was" and article.history.count() == 1
