"""Editors register endpoints, send them a test event and read the delivery log."""

import json

import pytest
from django.urls import reverse

from tests import people
from tests.webhooks.receiver import Received
from webhooks import signing
from webhooks.models import Endpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(people.editor())
    return client


def test_an_editor_registers_an_endpoint_with_the_events_it_wants(editor_client, hook_receiver):
    response = editor_client.post(
        reverse("admin:webhooks_endpoint_add"),
        {
            "name": "Partner app",
            "url": hook_receiver.url,
            "secret": "s3cret",
            "events": ["article.published", "comment.approved"],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    endpoint = Endpoint.objects.get()
    assert endpoint.events == ["article.published", "comment.approved"]


def test_an_internal_address_is_refused_when_the_endpoint_is_saved(editor_client):
    response = editor_client.post(
        reverse("admin:webhooks_endpoint_add"),
        {"name": "Metadata", "url": "http://169.254.169.254/latest/", "secret": "x"},
    )
    assert response.status_code == 200
    assert "169.254.169.254 is an internal address" in response.content.decode()
    assert not Endpoint.objects.exists()


def test_a_local_receiver_is_refused_with_the_setting_that_allows_it(editor_client):
    response = editor_client.post(
        reverse("admin:webhooks_endpoint_add"),
        {"name": "My laptop", "url": "http://127.0.0.1:9000/hook", "secret": "x"},
    )
    page = response.content.decode()
    assert "127.0.0.1 is an internal address" in page
    assert "NEWSROOM_WEBHOOKS_ALLOWED_INTERNAL_HOSTS" in page
    assert not Endpoint.objects.exists()


def test_a_local_receiver_listed_in_the_setting_is_saved(editor_client, settings):
    settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS = ["127.0.0.1"]
    response = editor_client.post(
        reverse("admin:webhooks_endpoint_add"),
        {"name": "My laptop", "url": "http://127.0.0.1:9000/hook", "secret": "x"},
    )
    assert response.status_code == 302
    assert Endpoint.objects.get().url == "http://127.0.0.1:9000/hook"


def test_a_new_endpoint_gets_a_long_random_secret(editor_client):
    html = editor_client.get(reverse("admin:webhooks_endpoint_add")).content.decode()
    assert 'name="secret"' in html
    assert len(Endpoint().secret) >= 40


def test_send_test_event_delivers_a_signed_ping_shown_in_the_delivery_log(
    editor_client, endpoint, hook_receiver, job_queue, django_capture_on_commit_callbacks
):
    change_url = reverse("admin:webhooks_endpoint_change", args=[endpoint.pk])
    page = editor_client.get(change_url).content.decode()
    assert "Send test event" in page

    send = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(send, follow=True)
    assert "A test event is on its way" in response.content.decode()
    job_queue.run()

    [request] = hook_receiver.requests
    assert isinstance(request, Received)
    assert json.loads(request.body)["type"] == "webhook.test"
    assert signing.verify("s3cret", request.headers["Newsroom-Signature"], request.body)
    log = editor_client.get(change_url).content.decode()
    assert "webhook.test" in log and "Delivered" in log and "answer 200 to request 1" in log


def test_send_test_event_needs_a_post(editor_client, endpoint):
    send = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    assert editor_client.get(send).status_code == 405


def test_a_writer_cannot_see_or_use_endpoints(client, endpoint):
    client.force_login(people.writer())
    assert client.get(reverse("admin:webhooks_endpoint_changelist")).status_code == 403
    send = reverse("admin:webhooks_endpoint_send_test", args=[endpoint.pk])
    client.post(send)
    assert not endpoint.deliveries.exists()
