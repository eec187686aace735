"""The database queue as tests use it: enqueue for real, run due jobs in this process."""

from unittest import mock

from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


class JobQueue:
    def run(self):
        """Run every job that is due now, as a worker would, then return."""
        # The worker recycles its database connection between jobs; here that connection is
        # the test's, inside the test's transaction, and closing it would end the test.
        recycle = "django_tasks_db.management.commands.db_worker.close_old_connections"
        with mock.patch(recycle, lambda: None):
            self._run()

    def _run(self):
        Worker(
            queue_names=["*"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        ).run()

    def jobs(self, task=None):
        jobs = DBTaskResult.objects.order_by("enqueued_at")
        return jobs.filter(task_path=task.module_path) if task else jobs

    def waiting(self):
        return self.jobs().filter(status=TaskResultStatus.READY)
