"""A published article's old address keeps working after its slug changes."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import SlugRedirect
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def rename(client, article, slug):
    client.force_login(people.editor())
    client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        people.article_form_data(article, slug=slug),
    )
    article.refresh_from_db()


def test_renaming_a_published_article_keeps_its_old_slug_findable(client):
    article = ArticleFactory(published=True, slug="harbour-vote")
    rename(client, article, "harbour-vote-delayed")
    assert article.slug == "harbour-vote-delayed"
    assert services.article_redirect_for("harbour-vote") == article


def test_renaming_twice_sends_both_old_slugs_to_the_newest(client):
    article = ArticleFactory(published=True, slug="first")
    rename(client, article, "second")
    rename(client, article, "third")
    assert services.article_redirect_for("first").slug == "third"
    assert services.article_redirect_for("second").slug == "third"


def test_renaming_back_to_an_old_slug_drops_the_loop(client):
    article = ArticleFactory(published=True, slug="first")
    rename(client, article, "second")
    rename(client, article, "first")
    assert not SlugRedirect.objects.filter(old_slug="first").exists()
    assert services.article_redirect_for("second").slug == "first"


def test_a_draft_that_was_never_public_leaves_no_redirect(client):
    article = ArticleFactory(slug="working-title")
    rename(client, article, "final-title")
    assert services.article_redirect_for("working-title") is None


def test_an_old_slug_of_an_unpublished_article_leads_nowhere(client):
    article = ArticleFactory(published=True, slug="old")
    rename(client, article, "new")
    services.article_unpublish(article=article, user=people.editor())
    assert services.article_redirect_for("old") is None


def test_an_unknown_slug_has_no_redirect():
    assert services.article_redirect_for("never-existed") is None


def test_a_reader_following_an_old_link_is_sent_permanently_to_the_new_address(client):
    article = ArticleFactory(published=True, slug="harbour-vote")
    rename(client, article, "harbour-vote-delayed")
    client.logout()
    response = client.get("/articles/harbour-vote/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/harbour-vote-delayed/"
    assert client.get("/articles/never-existed/").status_code == 404
