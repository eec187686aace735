"""No job is lost when a worker dies.

A worker claims a job by marking its row running, in its own committed transaction, then
runs it. If the process is killed mid-job (kill -9, a lost machine, the OOM killer) the row
would stay "running" for ever. So each worker beats: it refreshes its `WorkerHeartbeat`
every JOBS_HEARTBEAT_SECONDS, and on each beat puts back on the queue the running jobs whose
worker has been silent for JOBS_WORKER_TIMEOUT_SECONDS. The job then runs again from the
start, so jobs are written to be idempotent: running one twice has the effect of once.
"""

import logging
import os
import socket
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from . import periodic
from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def beat(worker_id):
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"seen_at": timezone.now(), "hostname": socket.gethostname(), "pid": os.getpid()},
    )


def requeue_orphaned_jobs(now=None):
    """Put back the running jobs of workers that stopped beating; returns how many."""
    now = now or timezone.now()
    silent_since = now - timedelta(seconds=settings.JOBS_WORKER_TIMEOUT_SECONDS)
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=silent_since).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=silent_since)
    for job_id, worker_ids, started_at in running.values_list("id", "worker_ids", "started_at"):
        if worker_ids and worker_ids[-1] in alive:
            continue
        # Guarded on started_at: if another worker recovered and claimed it meanwhile, skip.
        requeued += DBTaskResult.objects.filter(
            pk=job_id, status=TaskResultStatus.RUNNING, started_at=started_at
        ).update(status=TaskResultStatus.READY)
        logger.warning("Job %s was running on silent worker %s; requeued", job_id, worker_ids)
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return requeued


class Heartbeat(threading.Thread):
    """Beats, recovers and starts what the clock made due (`periodic.py`) beside the
    worker's main loop, on its own database connection."""

    def __init__(self, worker_id):
        super().__init__(name=f"heartbeat-{worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self):
        interval = settings.JOBS_HEARTBEAT_SECONDS
        try:
            while not self.stopped.wait(interval):
                close_old_connections()
                try:
                    beat(self.worker_id)
                    requeue_orphaned_jobs()
                    periodic.run_due()
                except Exception:
                    # A database hiccup must not stop the beating: the next beat tries again.
                    logger.exception("Heartbeat of worker %s failed", self.worker_id)
        finally:
            connection.close()

    def stop(self):
        self.stopped.set()
