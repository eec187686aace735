"""Deliveries: made for each event, sent (and retried) by the job in tasks.py."""

import uuid

from django.db import transaction
from django.utils import timezone

from jobs import enqueue_on_commit

from .models import TEST_EVENT, Delivery, Endpoint
from .tasks import deliver


def envelope(*, event, data):
    return {
        "id": str(uuid.uuid4()),
        "type": event,
        "created_at": timezone.now().isoformat(),
        "data": data,
    }


def deliveries_create(*, event, data):
    """One delivery per active endpoint that wants `event`, each sent by its own job."""
    endpoints = Endpoint.objects.subscribed_to(event)
    if not endpoints:
        # Most events reach no endpoint (a site with none, or none wanting comments): no
        # transaction to open for nothing, on every approved comment.
        return []
    payload = envelope(event=event, data=data)
    with transaction.atomic():
        deliveries = [
            Delivery.objects.create(
                endpoint=endpoint, event=event, event_id=payload["id"], payload=payload
            )
            for endpoint in endpoints
        ]
        for delivery in deliveries:
            enqueue_on_commit(deliver, delivery.pk)
    return deliveries


def endpoint_send_test(*, endpoint):
    data = {"message": "A test event from the Newsroom admin.", "endpoint": endpoint.name}
    payload = envelope(event=TEST_EVENT, data=data)
    with transaction.atomic():
        delivery = Delivery.objects.create(
            endpoint=endpoint, event=TEST_EVENT, event_id=payload["id"], payload=payload
        )
        enqueue_on_commit(deliver, delivery.pk)
    return delivery
