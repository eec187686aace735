"""What a person may do is kept between their requests (accounts/backends.py), so a staff
heartbeat asks nothing of the permission tables, and never outlives a change of their roles,
of a role's permissions, or of the account."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def beat(client, article):
    return client.post(f"/admin/presence/{article.pk}/heartbeat/", {"mode": "reading"})


@pytest.fixture
def sofia():
    return people.editor(username="sofia", display_name="Sofia Reyes")


@pytest.fixture
def sofias_client(sofia):
    client = Client()
    client.force_login(sofia)
    return client


@pytest.fixture
def colleagues_draft():
    return ArticleFactory(authors=[people.writer(username="tom")])


def permission_queries(queries):
    return [q["sql"] for q in queries.captured_queries if "auth_permission" in q["sql"]]


def test_an_editors_next_request_reads_no_permissions(
    sofias_client, colleagues_draft, django_assert_max_num_queries
):
    assert beat(sofias_client, colleagues_draft).status_code == 200
    with django_assert_max_num_queries(10) as queries:
        assert beat(sofias_client, colleagues_draft).status_code == 200
    assert permission_queries(queries) == []


def test_an_editor_moved_to_the_writers_loses_a_colleagues_draft_at_the_next_request(
    sofia, sofias_client, colleagues_draft
):
    def autosave():
        url = f"/admin/autosave/{colleagues_draft.pk}/"
        return sofias_client.post(url, {"headline": "Typed by Sofia"})

    assert autosave().status_code == 200

    sofia.groups.set([people.editorial_group("Writer")])

    refused = autosave()
    assert refused.status_code == 403
    assert refused.json()["error"] == "You may not change this article, so nothing was kept."


def test_a_permission_taken_from_a_role_is_gone_at_its_members_next_request(
    sofias_client, colleagues_draft
):
    assert beat(sofias_client, colleagues_draft).status_code == 200

    people.editorial_group("Editor").permissions.remove(
        Permission.objects.get(codename="change_article")
    )

    assert beat(sofias_client, colleagues_draft).status_code == 403


def test_a_person_taken_out_of_a_role_from_the_roles_side_loses_it_at_once(
    sofia, sofias_client, colleagues_draft
):
    assert beat(sofias_client, colleagues_draft).status_code == 200

    people.editorial_group("Editor").user_set.remove(sofia)

    assert beat(sofias_client, colleagues_draft).status_code == 403


def test_a_permission_granted_to_the_person_counts_at_their_next_request(colleagues_draft):
    helper = people.reader(username="helper", is_staff=True)
    client = Client()
    client.force_login(helper)
    assert beat(client, colleagues_draft).status_code == 403

    helper.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_article", "edit_any_article"])
    )

    assert beat(client, colleagues_draft).status_code == 200


def test_changes_of_roles_change_nothing_public(sofia):
    before = content_version()

    sofia.groups.set([people.editorial_group("Writer")])
    people.editorial_group("Writer").permissions.remove(
        Permission.objects.get(codename="change_article")
    )

    assert content_version() == before
