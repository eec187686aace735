"""An editor sends an article back to its writer with a note the writer then sees."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer():
    return people.writer(display_name="Amara Okafor")


@pytest.fixture
def in_review(writer):
    return ArticleFactory(
        headline="Harbour fees",
        status=Article.Status.IN_REVIEW,
        authors=[writer],
        created_by=writer,
    )


def send_back(client, article, note):
    return client.post(
        reverse("admin:articles_article_send_back", args=[article.pk]), {"note": note}
    )


def test_an_editor_sends_an_article_back_and_the_writer_sees_the_note(client, writer, in_review):
    client.force_login(people.editor(display_name="Sofia Marquez"))
    change_page = client.get(reverse("admin:articles_article_change", args=[in_review.pk]))
    assert "Send back to the writer" in change_page.content.decode()
    response = send_back(client, in_review, "Needs a second source for the fee figures.")
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == Article.Status.DRAFT

    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_change", args=[in_review.pk])).content
    html = html.decode()
    assert "Sent back by Sofia Marquez" in html
    assert "Needs a second source for the fee figures." in html
    history = client.get(reverse("admin:articles_article_history", args=[in_review.pk]))
    assert "Needs a second source for the fee figures." in history.content.decode()


def test_the_note_goes_away_once_the_writer_submits_again(client, writer, in_review):
    client.force_login(people.editor())
    send_back(client, in_review, "Shorter, please.")
    in_review.refresh_from_db()
    client.force_login(writer)
    client.post(
        reverse("admin:articles_article_change", args=[in_review.pk]),
        people.article_form_data(in_review, status=Article.Status.IN_REVIEW),
    )
    html = client.get(reverse("admin:articles_article_change", args=[in_review.pk])).content
    assert "Shorter, please." not in html.decode()


def test_sending_back_needs_a_note_and_keeps_the_article_in_review(client, in_review):
    client.force_login(people.editor())
    response = send_back(client, in_review, "   ")
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == Article.Status.IN_REVIEW


def test_a_writer_cannot_send_an_article_back(client, writer, in_review):
    client.force_login(writer)
    assert send_back(client, in_review, "I send myself back").status_code == 403
    in_review.refresh_from_db()
    assert in_review.status == Article.Status.IN_REVIEW
