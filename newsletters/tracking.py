"""Bounces and complaints from the provider, through anymail's normalised tracking webhooks
(`/anymail/<provider>/tracking/`): a hard bounce or a complaint suppresses the address at
once, soft bounces after NEWSLETTERS_SOFT_BOUNCE_LIMIT of them."""

from anymail.signals import tracking

from .models import Delivery, Suppression
from .services import soft_bounce_record, suppression_add

HARD = {"bounced", "rejected"}
SOFT = {"deferred", "failed"}


def on_tracking(sender, event, esp_name, **kwargs):
    email = (event.recipient or "").lower()
    if not email:
        return
    detail = f"{esp_name}: {event.description or event.reject_reason or event.event_type}"
    if event.mta_response:
        detail += f" ({event.mta_response})"
    if event.event_type == "complained":
        suppression_add(email=email, reason=Suppression.Reason.COMPLAINT, detail=detail)
    elif event.event_type in HARD:
        suppression_add(email=email, reason=Suppression.Reason.HARD_BOUNCE, detail=detail)
    elif event.event_type in SOFT:
        soft_bounce_record(email=email, detail=detail)
    else:
        return
    if event.message_id:
        Delivery.objects.filter(message_id=event.message_id.strip("<>"), email=email).update(
            status=Delivery.Status.BOUNCED
        )


def connect():
    tracking.connect(on_tracking, dispatch_uid="newsletters-tracking")
