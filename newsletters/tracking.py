"""Bounces and complaints from the provider, through anymail's normalised tracking webhooks
(`/anymail/<provider>/tracking/`, basic auth with ANYMAIL_WEBHOOK_SECRET): a hard bounce, a
rejected address or a complaint suppresses the address at once; soft bounces after
NEWSLETTERS_SOFT_BOUNCE_LIMIT of them in a row (a delivery in between starts the count
again). Anymail reports a soft bounce as "bounced" like a hard one, so which is which comes
from the provider's own event. A provider's "deferred" is not counted: it is retrying."""

from anymail.signals import tracking

from .models import Delivery, Subscriber, Suppression
from .services import soft_bounce_record, suppression_add

HARD = {"bounced", "rejected"}


def is_soft_bounce(event, esp_name):
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    return (
        (esp_name == "Postmark" and raw.get("Type") == "SoftBounce")
        or (esp_name == "Brevo" and raw.get("event") == "soft_bounce")
        or (esp_name == "Amazon SES" and (event.description or "").startswith("Transient"))
    )


def on_tracking(sender, event, esp_name, **kwargs):
    email = (event.recipient or "").lower()
    if not email:
        return
    if event.event_type == "delivered":
        Subscriber.objects.filter(email=email, soft_bounces__gt=0).update(soft_bounces=0)
        return
    detail = f"{esp_name}: {event.description or event.reject_reason or event.event_type}"
    if event.mta_response:
        detail += f" ({event.mta_response})"
    if event.event_type == "complained":
        suppression_add(email=email, reason=Suppression.Reason.COMPLAINT, detail=detail)
    elif event.event_type in HARD and is_soft_bounce(event, esp_name):
        soft_bounce_record(email=email, detail=detail)
    elif event.event_type in HARD:
        suppression_add(email=email, reason=Suppression.Reason.HARD_BOUNCE, detail=detail)
    else:
        return
    if event.message_id:
        Delivery.objects.filter(message_id=event.message_id.strip("<>"), email=email).update(
            status=Delivery.Status.BOUNCED
        )


def connect():
    tracking.connect(on_tracking, dispatch_uid="newsletters-tracking")
