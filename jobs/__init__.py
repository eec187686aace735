"""Background jobs: the glue around django-tasks and its database queue.

Apps define jobs with `django_tasks.task` and enqueue them with `enqueue_on_commit`; this
app adds what the package leaves out: retries with backoff (`retry.py`), recovery of the
jobs of a worker that died (`recovery.py`, run by `manage.py jobs_worker`), and an admin
where staff see failed jobs and retry them. It imports no other app of the project.
"""

from functools import partial

from django.db import transaction


def enqueue_on_commit(task, *args, **kwargs):
    """Enqueue `task` once the current transaction commits, so a job never acts on a write
    that was rolled back, nor runs before its data is visible to the worker."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))
