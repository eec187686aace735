"""`manage.py jobs_worker`: django-tasks-db's worker, with a heartbeat, recovery and the
checks of what the clock made due (jobs/periodic.py)."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from jobs import periodic
from jobs.models import WorkerHeartbeat
from jobs.recovery import Heartbeat, beat, requeue_orphaned_jobs


class BeatingWorker(Worker):
    def run(self):
        # Beat before the first claim, so no job is ever held by a worker without a beat.
        beat(self.worker_id)
        requeue_orphaned_jobs()
        periodic.run_due()
        heartbeat = Heartbeat(self.worker_id)
        heartbeat.start()
        try:
            super().run()
        finally:
            heartbeat.stop()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


class Command(DatabaseWorkerCommand):
    help = "Run background jobs from the database queue (recovering those of dead workers)."

    def handle(self, **options):
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = BeatingWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        # No autoreload here: a reload would kill the running job (use db_worker to develop).
        worker.configure_signals()
        worker.run()
