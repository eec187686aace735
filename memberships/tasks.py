"""The nightly reconciliation: ask the payment provider for the truth about every paid
membership that still counts, and mend what a lost webhook left wrong.

No cron: `reconcile_if_due` is a periodic check (jobs/periodic.py, registered in
memberships/apps.py) that every job worker calls on every beat; once the day's time
(MEMBERSHIPS_RECONCILE_TIME) has come, the day's unique `ReconciliationRun` row makes it
start once however many workers ask, and the job does the work.
"""

import logging
from datetime import datetime, time

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from jobs import enqueue_on_commit

from .models import Membership, ReconciliationRun
from .providers import provider

logger = logging.getLogger(__name__)


def reconcile_time():
    value = (getattr(settings, "MEMBERSHIPS_RECONCILE_TIME", "") or "").strip()
    if not value:
        return None
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


def reconcile_if_due():
    at = reconcile_time()
    if at is None or not settings.STRIPE_SECRET_KEY:
        return None  # no provider configured: nothing to ask
    day = timezone.localdate()
    if timezone.now() < timezone.make_aware(datetime.combine(day, at)):
        return None
    if ReconciliationRun.objects.filter(day=day).exists():
        return None
    try:
        with transaction.atomic():
            run = ReconciliationRun.objects.create(day=day)
            enqueue_on_commit(reconcile_memberships, run.pk)
    except IntegrityError:
        return None  # another worker started it
    return run


def to_reconcile():
    return (
        Membership.objects.filter(source=Membership.Source.PROVIDER)
        .exclude(status=Membership.Status.CANCELLED)
        .exclude(provider_subscription="")
        .order_by("pk")
    )


@task()
def reconcile_memberships(run_id):
    """One membership at a time; one the provider cannot answer for is left as it is and
    asked again the next night."""
    checker = provider()
    for membership in to_reconcile().iterator():
        try:
            mended = checker.reconcile(membership)
        except stripe.StripeError:
            logger.exception("Could not reconcile membership %s", membership.pk)
            continue
        ReconciliationRun.objects.filter(pk=run_id).update(
            checked=F("checked") + 1, mended=F("mended") + int(mended)
        )
