from unittest import mock

import pytest
from django.db import OperationalError
from django.urls import reverse

from newsroom.views import server_error

pytestmark = pytest.mark.django_db


def test_readyz_says_ready_when_the_database_and_cache_answer(client):
    response = client.get(reverse("readyz"))
    assert response.status_code == 200
    assert response.content == b"ready"
    assert "no-cache" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_readyz_answers_503_when_the_database_is_down(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("could not connect to server")
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert b"database: OperationalError" in response.content


def test_readyz_answers_503_when_the_cache_is_down(client):
    with mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("refused")):
        response = client.get(reverse("readyz"))
    assert response.status_code == 503
    assert b"cache: ConnectionError" in response.content


def test_healthz_stays_up_while_the_database_is_down(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("could not connect to server")
        response = client.get(reverse("healthz"))
    assert response.status_code == 200


@pytest.fixture
def database_down():
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("connection refused")
        yield


def test_a_page_needing_the_database_gets_a_calm_503_while_it_is_down(client, database_down):
    client.raise_request_exception = False
    response = client.get(reverse("articles:home"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "back in a moment" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_database_error_outside_a_view_gets_the_503_page_too(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert response.status_code == 503


def test_any_other_error_gets_the_500_page(rf):
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_site_recovers_by_itself_when_the_database_returns(client, published_article):
    client.raise_request_exception = False
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("connection refused")
        assert client.get(published_article.get_absolute_url()).status_code == 503
    response = client.get(published_article.get_absolute_url())
    assert response.status_code == 200
    assert published_article.headline in response.content.decode()
