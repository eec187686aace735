"""Jobs in the admin: what failed and why, and a way to run it again."""

from django.contrib import admin, messages
from django.db.models import Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult, get_date_max

from .models import WorkerHeartbeat

admin.site.unregister(DBTaskResult)


class WaitingToRetryFilter(admin.SimpleListFilter):
    title = "problem"
    parameter_name = "problem"

    def lookups(self, request, model_admin):
        return [("failed", "Failed for good"), ("retrying", "Failed, will retry")]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(status=TaskResultStatus.FAILED)
        if self.value() == "retrying":
            return queryset.filter(status=TaskResultStatus.READY).filter(~Q(traceback=""))
        return queryset


@admin.register(DBTaskResult)
class JobAdmin(DBTaskResultAdmin):
    list_display = (
        "task_name",
        "status",
        "attempts",
        "last_error",
        "enqueued_at",
        "finished_at",
        "display_run_after",
    )
    list_filter = (WaitingToRetryFilter, "status", "queue_name")
    search_fields = ("task_path", "exception_class_path")
    actions = ["retry_jobs"]

    @admin.display(description="attempts")
    def attempts(self, job):
        return len(job.worker_ids)

    @admin.display(description="last error")
    def last_error(self, job):
        if not job.traceback:
            return "-"
        return job.traceback.strip().splitlines()[-1][:200]

    def has_retry_permission(self, request):
        return request.user.has_perm("django_tasks_database.change_dbtaskresult")

    @admin.action(description="Retry the selected failed jobs", permissions=["retry"])
    def retry_jobs(self, request, queryset):
        count = queryset.filter(status=TaskResultStatus.FAILED).update(
            status=TaskResultStatus.READY,
            run_after=get_date_max(),
            enqueued_at=timezone.now(),  # a fresh window for the job's own retries
            finished_at=None,
            worker_ids=[],
        )
        skipped = queryset.count() - count
        self.message_user(request, f"{count} job(s) queued to run again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} job(s) had not failed and were left alone.", messages.WARNING
            )


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("worker_id", "hostname", "pid", "started_at", "seen_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
