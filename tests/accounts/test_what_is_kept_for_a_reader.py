"""A logged-in reader's session, account, ban and flags are kept between their pages
(accounts/backends.py, comments/personal.py) and never outlive a change to them."""

import pytest
from django.test import Client

from comments.services import comment_flag, commenter_ban
from tests.comments.factories import CommentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(published_article):
    ada = UserFactory(display_name="Ada Reader", password="a long passphrase 42")
    client = Client()
    client.force_login(ada)
    client.get(published_article.get_absolute_url())  # what is kept for her is built
    return ada, client


def header(response):
    return response.content.decode().split("</header>")[0]


def test_a_readers_next_page_asks_the_database_nothing(
    ada, published_article, django_assert_max_num_queries
):
    _, client = ada
    with django_assert_max_num_queries(0):
        response = client.get(published_article.get_absolute_url())
    assert "Ada Reader" in header(response)
    assert 'name="body"' in response.content.decode()  # her comment form


def test_a_new_display_name_shows_on_the_next_page(ada, published_article):
    user, client = ada
    user.display_name = "Ada L."
    user.save()
    assert "Ada L." in header(client.get(published_article.get_absolute_url()))


def test_a_deactivated_account_is_logged_out_at_once(ada, published_article):
    user, client = ada
    user.is_active = False
    user.save()
    response = client.get(published_article.get_absolute_url())
    assert "Ada Reader" not in header(response)
    assert "You need to log in to leave a comment" in response.content.decode()


def test_a_password_changed_elsewhere_ends_this_session(ada, published_article):
    user, client = ada
    user.set_password("another long passphrase 43")
    user.save()
    response = client.get(published_article.get_absolute_url())
    assert "Ada Reader" not in header(response)


def test_a_deleted_account_is_logged_out_at_once(ada, published_article):
    user, client = ada
    user.delete()
    response = client.get(published_article.get_absolute_url())
    assert "Ada Reader" not in header(response)


def test_a_ban_takes_the_form_and_reply_links_away_on_the_next_page(ada, published_article):
    user, client = ada
    CommentFactory(article=published_article, body="Someone else's comment.")
    assert ">Reply</a>" in client.get(published_article.get_absolute_url()).content.decode()
    commenter_ban(user=user, reason="abuse")
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert 'name="body"' not in html and ">Reply</a>" not in html


def test_a_flag_shows_as_flagged_on_the_next_page(ada, published_article):
    user, client = ada
    comment = CommentFactory(article=published_article, body="A comment to flag.")
    assert ">Flag</button>" in client.get(published_article.get_absolute_url()).content.decode()
    comment_flag(comment=comment, user=user)
    html = client.get(published_article.get_absolute_url()).content.decode()
    assert ">Flag</button>" not in html and "Flagged" in html


def test_what_is_kept_for_one_reader_never_reaches_a_shared_page_or_the_edge(
    ada, published_article
):
    user, _ = ada
    user.display_name = "Ada L."
    user.save()
    response = Client().get(published_article.get_absolute_url())
    assert "reader:" not in response["Surrogate-Key"]
    assert "Ada L." not in header(response)
