"""Keys and tokens in the admin: who may make them, shown once, revoked at once."""

import pytest

from api.models import ApiKey, StaffToken, digest

pytestmark = pytest.mark.django_db


def test_an_editor_issues_an_api_key_and_sees_it_once(client, editor):
    client.force_login(editor)

    response = client.post("/admin/api/apikey/add/", {"name": "Partner app", "contact": ""})

    key = ApiKey.objects.get()
    secret = response.context["secret"]
    assert response.status_code == 200
    assert secret.startswith("nrk_") and secret in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert key.key_digest == digest(secret) and secret not in key.key_digest
    assert secret not in client.get(f"/admin/api/apikey/{key.pk}/change/").content.decode()
    assert client.get("/api/v1/pages/", headers={"X-API-Key": secret}).status_code == 200


def test_a_writer_cannot_issue_api_keys(client, writer):
    client.force_login(writer)

    assert client.get("/admin/api/apikey/add/").status_code == 403


def test_a_writer_makes_a_token_for_their_own_account_only(client, writer, editor):
    client.force_login(writer)

    response = client.post("/admin/api/stafftoken/add/", {"name": "Wire", "user": editor.pk})

    assert response.status_code == 200
    assert StaffToken.objects.get().user == writer
    assert response.context["secret"].startswith("nrt_")


def test_staff_see_only_their_own_tokens(client, writer, editor, make_token):
    make_token(editor)
    client.force_login(writer)

    page = client.get("/admin/api/stafftoken/")

    assert page.status_code == 200
    assert list(page.context["cl"].queryset) == []


def test_revoking_in_the_admin_stops_the_key_at_once(client, editor, make_key):
    secret = make_key()
    assert client.get("/api/v1/pages/", headers={"X-API-Key": secret}).status_code == 200
    client.force_login(editor)

    client.post(
        "/admin/api/apikey/",
        {"action": "revoke_selected", "_selected_action": [ApiKey.objects.get().pk]},
    )
    client.logout()

    assert ApiKey.objects.get().revoked_at is not None
    assert client.get("/api/v1/pages/", headers={"X-API-Key": secret}).status_code == 401
