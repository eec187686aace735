"""One attempt at sending a delivery: signed, POSTed through the transport, logged.

The job in tasks.py calls it (and retries it); services.py only makes deliveries and
enqueues the job, so imports run one way: services -> tasks -> sending.
"""

import json

from django.utils import timezone

from . import signing, transport
from .models import Delivery

RESPONSE_KEPT = 2000  # characters of the receiver's answer kept in the log


class DeliveryFailed(Exception):
    """The receiver did not accept the event; the job is retried with backoff."""


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
