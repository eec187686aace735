"""Deliveries: made for each event, sent (and retried) by the job in tasks.py."""

import json
import uuid

from django.db import transaction
from django.utils import timezone

from jobs import enqueue_on_commit

from . import signing, transport
from .models import TEST_EVENT, Delivery, Endpoint

RESPONSE_KEPT = 2000  # characters of the receiver's answer kept in the log


class DeliveryFailed(Exception):
    """The receiver did not accept the event; the job is retried with backoff."""


def envelope(*, event, data):
    return {
        "id": str(uuid.uuid4()),
        "type": event,
        "created_at": timezone.now().isoformat(),
        "data": data,
    }


@transaction.atomic
def deliveries_create(*, event, data):
    """One delivery per active endpoint that wants `event`, each sent by its own job."""
    from .tasks import deliver

    payload = envelope(event=event, data=data)
    deliveries = [
        Delivery.objects.create(
            endpoint=endpoint, event=event, event_id=payload["id"], payload=payload
        )
        for endpoint in Endpoint.objects.subscribed_to(event)
    ]
    for delivery in deliveries:
        enqueue_on_commit(deliver, delivery.pk)
    return deliveries


def endpoint_send_test(*, endpoint):
    from .tasks import deliver

    data = {"message": "A test event from the Newsroom admin.", "endpoint": endpoint.name}
    payload = envelope(event=TEST_EVENT, data=data)
    with transaction.atomic():
        delivery = Delivery.objects.create(
            endpoint=endpoint, event=TEST_EVENT, event_id=payload["id"], payload=payload
        )
        enqueue_on_commit(deliver, delivery.pk)
    return delivery


def request_headers(delivery, body):
    return {
        "Content-Type": "application/json",
        "User-Agent": "Newsroom-Webhooks/1",
        "Newsroom-Event": delivery.event,
        "Newsroom-Event-Id": str(delivery.event_id),
        signing.HEADER: signing.signature_header(delivery.endpoint.secret, body),
    }


def delivery_attempt(*, delivery):
    """POST the event once and log the outcome; raises DeliveryFailed to be retried."""
    body = json.dumps(delivery.payload, separators=(",", ":")).encode()
    delivery.attempts += 1
    delivery.attempted_at = timezone.now()
    delivery.response_code, delivery.response_body, delivery.error = None, "", ""
    try:
        response = transport.post(delivery.endpoint.url, body, request_headers(delivery, body))
    except transport.Refused as error:
        delivery.status, delivery.error = Delivery.Status.REFUSED, str(error)
    except transport.Unreachable as error:
        delivery.status, delivery.error = Delivery.Status.FAILED, str(error)
    else:
        delivery.response_code = response.status
        delivery.response_body = response.body.decode("utf-8", "replace")[:RESPONSE_KEPT]
        ok = 200 <= response.status < 300
        delivery.status = Delivery.Status.SUCCEEDED if ok else Delivery.Status.FAILED
        if not ok:
            delivery.error = f"the receiver answered {response.status}"
    delivery.save()
    if delivery.status == Delivery.Status.FAILED:
        raise DeliveryFailed(f"delivery {delivery.pk} to {delivery.endpoint.url}: {delivery.error}")
    return delivery
