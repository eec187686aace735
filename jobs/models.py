from django.db import models


class WorkerHeartbeat(models.Model):
    """A running `jobs_worker`: it refreshes `seen_at` while it lives (jobs/recovery.py)."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField()

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self):
        return f"{self.worker_id} on {self.hostname} (pid {self.pid})"
