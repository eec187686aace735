"""A failing job comes back later, each time after twice the wait, and then gives up."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from django_tasks import TaskResultStatus

from jobs.retry import Backoff
from tests.jobs import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_attempts():
    tasks.ATTEMPTS.clear()


def run_after_waiting(job_queue, job):
    job.refresh_from_db()
    with time_machine.travel(job.run_after + timedelta(seconds=1)):
        job_queue.run()
    job.refresh_from_db()


def test_a_failed_job_is_retried_with_exponential_backoff_until_it_succeeds(job_queue):
    tasks.fail_until.enqueue(3, "sync")
    job_queue.run()
    job = job_queue.jobs(tasks.fail_until).get()

    assert job.status == TaskResultStatus.READY, "waiting for its next attempt, not failed"
    assert "the far end is down (attempt 1)" in job.traceback, "the error stays visible"
    first_wait = job.run_after - timezone.now()
    assert timedelta(seconds=7) < first_wait <= timedelta(seconds=10)

    job_queue.run()
    assert tasks.ATTEMPTS == ["sync"], "not before its time"

    with time_machine.travel(job.run_after + timedelta(seconds=1)):
        job_queue.run()
        job.refresh_from_db()
        second_wait = job.run_after - timezone.now()
    assert timedelta(seconds=15) < second_wait <= timedelta(seconds=20), "twice the wait"

    run_after_waiting(job_queue, job)
    assert job.status == TaskResultStatus.SUCCESSFUL
    assert job.return_value == 3
    assert job.traceback == ""
    assert len(job.worker_ids) == 3


def test_a_job_that_keeps_failing_fails_for_good_after_its_last_attempt(job_queue):
    tasks.fail_until.enqueue(99, "sync")
    job_queue.run()
    job = job_queue.jobs(tasks.fail_until).get()
    run_after_waiting(job_queue, job)
    run_after_waiting(job_queue, job)

    assert job.status == TaskResultStatus.FAILED
    assert "ConnectionError: the far end is down (attempt 3)" in job.traceback
    assert len(tasks.ATTEMPTS) == 3


def test_backoff_gives_up_when_the_next_try_would_be_past_its_deadline():
    backoff = Backoff(max_attempts=None, base=timedelta(hours=1), give_up_after=timedelta(days=1))
    start = timezone.now()
    assert backoff.next_run(attempts=1, first_enqueued_at=start, now=start) is not None
    late = start + timedelta(hours=23, minutes=30)
    assert backoff.next_run(attempts=2, first_enqueued_at=start, now=late) is None


def test_a_job_without_a_retry_policy_fails_at_once(job_queue):
    tasks.open_section_slowly.enqueue("x", "/nonexistent/dir/started", "/nonexistent/hold")
    job_queue.run()
    job = job_queue.jobs(tasks.open_section_slowly).get()
    assert job.status == TaskResultStatus.FAILED
    assert "FileNotFoundError" in job.traceback
