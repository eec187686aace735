from datetime import timedelta

from django_tasks import task

from jobs.retry import retry_with_backoff

from .models import Delivery
from .sending import delivery_attempt


# 1, 2, 4 ... minutes, then every two hours, for up to a day from the event.
@retry_with_backoff(
    max_attempts=None,
    base=timedelta(minutes=1),
    cap=timedelta(hours=2),
    give_up_after=timedelta(days=1),
)
@task()
def deliver(delivery_id):
    """Send one delivery. Run again after a delivered attempt (a worker killed before it
    recorded success), it does nothing: the receiver hears of each event once per success."""
    delivery = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status in {Delivery.Status.SUCCEEDED, Delivery.Status.REFUSED}:
        return None
    return delivery_attempt(delivery=delivery).status
