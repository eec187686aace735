"""The admin's account search: bans find readers, bylines find staff."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def with_permissions(*codenames):
    user = UserFactory(staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def search(client, app_label, model_name, field_name, term):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    names = (
        [row["text"] for row in response.json()["results"]] if response.status_code == 200 else None
    )
    return response.status_code, names


@pytest.fixture
def people(db):
    UserFactory(username="rosa", display_name="Rosa Reader")
    UserFactory(username="rosalind", display_name="Rosalind Writer", is_staff=True)


def test_an_editor_finds_a_reader_to_ban_by_name_or_username(client, people):
    client.force_login(with_permissions("add_commentban", "view_commentban"))
    assert search(client, "comments", "commentban", "user", "rosa") == (
        200,
        ["Rosa Reader", "Rosalind Writer"],
    )
    assert search(client, "comments", "commentban", "user", "Reader") == (200, ["Rosa Reader"])


def test_the_byline_search_still_lists_staff_only(client, people):
    client.force_login(with_permissions("change_article", "view_article"))
    assert search(client, "articles", "article", "authors", "rosa") == (200, ["Rosalind Writer"])


def test_staff_who_may_not_ban_cannot_search_readers_through_the_ban_form(client, people):
    client.force_login(with_permissions("change_article", "view_article"))
    assert search(client, "comments", "commentban", "user", "rosa")[0] == 403
