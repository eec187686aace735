"""Retries with exponential backoff for jobs on the database queue.

django-tasks runs a job once: an exception marks it failed. A job that opts in with
`@retry_with_backoff(...)` (above `@task()`) is put back on the queue instead, on the same
row, to run again after a delay that doubles with each attempt. The row keeps the last
error meanwhile, so the admin shows why it is waiting; it fails for good after
`max_attempts` attempts or once the next try would fall past `give_up_after`.
"""

import logging
import random
from dataclasses import dataclass
from datetime import timedelta

from django.dispatch import receiver
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)

POLICIES = {}  # task module path -> Backoff


@dataclass(frozen=True)
class Backoff:
    max_attempts: int | None = 5
    base: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    give_up_after: timedelta | None = None

    def delay(self, attempt):
        seconds = min(self.base.total_seconds() * 2 ** (attempt - 1), self.cap.total_seconds())
        # Jitter, so a burst of failures (a receiver down) does not come back in lockstep.
        return timedelta(seconds=seconds * random.uniform(0.8, 1.0))

    def next_run(self, *, attempts, first_enqueued_at, now):
        """When to try again after `attempts` failed attempts, or None to give up."""
        if self.max_attempts is not None and attempts >= self.max_attempts:
            return None
        when = now + self.delay(attempts)
        if self.give_up_after is not None and when > first_enqueued_at + self.give_up_after:
            return None
        return when


def retry_with_backoff(**policy):
    backoff = Backoff(**policy)

    def register(task):
        POLICIES[task.module_path] = backoff
        return task

    return register


@receiver(task_finished)
def requeue_failed_job(sender, task_result, **kwargs):
    db_result = getattr(task_result, "db_result", None)  # only the database queue retries
    if db_result is None or task_result.status != TaskResultStatus.FAILED:
        return
    backoff = POLICIES.get(db_result.task_path)
    if backoff is None:
        return
    attempts = len(db_result.worker_ids)
    when = backoff.next_run(
        attempts=attempts, first_enqueued_at=db_result.enqueued_at, now=timezone.now()
    )
    if when is None:
        logger.error("Job %s (%s) failed for good", db_result.pk, db_result.task_path)
        return
    type(db_result).objects.filter(pk=db_result.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, run_after=when, finished_at=None
    )
    logger.warning(
        "Job %s (%s) failed, attempt %d; next attempt at %s",
        db_result.pk,
        db_result.task_path,
        attempts,
        when.isoformat(),
    )
