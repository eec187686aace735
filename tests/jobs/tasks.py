"""Jobs that exist only for the tests of the queue."""

import time
from datetime import timedelta
from pathlib import Path

from django_tasks import task

from articles.models import Category
from jobs.retry import retry_with_backoff

ATTEMPTS = []


@retry_with_backoff(max_attempts=3, base=timedelta(seconds=10))
@task()
def fail_until(succeed_on_attempt, label):
    ATTEMPTS.append(label)
    if len(ATTEMPTS) < succeed_on_attempt:
        raise ConnectionError(f"the far end is down (attempt {len(ATTEMPTS)})")
    return len(ATTEMPTS)


@task()
def open_section_slowly(slug, started, hold):
    """Does its effect idempotently, says so in `started`, then waits while `hold` exists:
    a worker killed now leaves the effect done but the job unfinished."""
    Category.objects.get_or_create(slug=slug, defaults={"name": slug.title()})
    Path(started).write_text("started")
    while Path(hold).exists():
        time.sleep(0.1)
    return slug
