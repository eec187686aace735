"""Real `manage.py jobs_worker` processes on a site of their own (tests/jobs/ kills them the
same way), mailing a real SMTP server in the test process."""

import json

from tests.jobs.test_worker_recovery import start_worker, wait_for  # noqa: F401
from tests.newsroom.servers import manage, site_env

SEED = """
import json
from datetime import timedelta
from tests.database_template import migrate_site
migrate_site()
from django.utils import timezone
from articles.models import Article, Category
from newsletters.models import Subscriber
from newsletters import conf
from newsletters.services import digest_due_at
before = digest_due_at(timezone.localdate()) if conf.digest_time() else timezone.now()
desk = Category.objects.create(name="Harbour desk", slug="harbour-desk")
Article.objects.create(
    headline="Ferry timetable changes", slug="ferry-timetable", body="From Monday.",
    category=desk, status="published",
    published_at=before - timedelta(minutes=1),
)
for i in range({readers}):
    reader = Subscriber.objects.create(email=f"reader{{i:03}}@example.com",
                                       confirmed_at=timezone.now())
    reader.categories.add(desk)
print(json.dumps({{"article": Article.objects.get().pk, "desk": desk.pk}}))
"""

REPORT = """
import json
from django.db.models import Count
from django_tasks_db.models import DBTaskResult
from newsletters.models import Delivery, Send
print(json.dumps({
    "attempts": [len(job.worker_ids) for job in DBTaskResult.objects.all()],
    "jobs": sorted({job.status for job in DBTaskResult.objects.all()}),
    "sends": list(Send.objects.values("kind", "status", "digest_day")),
    "deliveries": {row["status"]: row["n"] for row in
                   Delivery.objects.values("status").annotate(n=Count("pk"))},
    "interrupted": list(Delivery.objects.filter(interrupted=True).values_list("email", flat=True)),
}, default=str))
"""


def newsletter_site(tmp_path, smtp_port, database, readers, then="", **settings):
    """The environment of a site that mails `smtp_port`, seeded with `readers` subscribers
    following one desk, with one article published just before today's digest time (or
    now, with no digest); `then` is more code for the same shell."""
    env = site_env(
        tmp_path / "var",
        tmp_path / "static",
        NEWSROOM_JOBS_HEARTBEAT_SECONDS="1",
        NEWSROOM_JOBS_WORKER_TIMEOUT_SECONDS="3",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_port),
        **database,
        **settings,
    )
    seeded = manage(env, "shell", "--command", SEED.format(readers=readers) + then)
    return env, json.loads(seeded.strip().splitlines()[-1])


def report(env):
    output = manage(env, "shell", "--command", REPORT)
    return json.loads(output.strip().splitlines()[-1])


def all_jobs_finished(env):
    """True once the worker has run every job it was given, and no job is waiting: the last
    batch of a send enqueues no other, so nothing more will come. What a test waits for
    before it stops a worker, instead of for the last message (the worker claims the job
    after it, the one that marks the send done, only at its next poll)."""
    return report(env)["jobs"] == ["SUCCESSFUL"]


def stop(*workers):
    for worker in workers:
        if worker.poll() is None:
            worker.terminate()
    for worker in workers:
        try:
            worker.wait(20)
        except Exception:
            worker.kill()
            worker.wait()
