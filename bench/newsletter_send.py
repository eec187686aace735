"""Measure a newsletter send: N recipients, one real `manage.py jobs_worker`, a local SMTP
server (aiosmtpd) that counts what it takes. Prints the wall time and the worker's peak
memory; a report, never a test.

    .venv/bin/python bench/newsletter_send.py --recipients 10000 [--kind alert|digest|newsletter]

The site is a fresh one of its own (SQLite in a temporary DJANGO_VAR_DIR, production
settings), seeded with N confirmed subscribers who follow one section. The send is not
throttled (NEWSLETTERS_PER_MINUTE very high), so the time is what the worker and the
database can do. A digest is started by the worker itself, as in production (its time set
to 00:00, so it is due at once); an alert or a newsletter is queued before the worker
starts. Peak memory is the worker's VmHWM (Linux), read while it runs.
"""

import argparse
import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from aiosmtpd.controller import Controller

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"

SEED = """
from datetime import timedelta
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from django.utils import timezone
from articles.models import Article, Category
from newsletters.models import Newsletter, Subscriber
from newsletters.services import digest_due_at
desk = Category.objects.create(name="Harbour desk", slug="harbour-desk")
other = Category.objects.create(name="Sport desk", slug="sport-desk")
every = {every}  # one subscriber in `every` follows the desk the send is for
today = digest_due_at(timezone.localdate()) if {digest} else timezone.now()
article = Article.objects.create(
    headline="Ferry timetable changes from Monday", slug="ferry-timetable",
    standfirst="Fewer crossings in the evening, more at dawn.", body="From Monday.",
    category=desk, status="published", published_at=today - timedelta(minutes=5),
)
Follow = Subscriber.categories.through
now = timezone.now()
for start in range(0, {n}, 5000):
    made = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{{i:06}}@example.com", confirmed_at=now,
                   wants_newsletters=i % every == 0)
        for i in range(start, min(start + 5000, {n}))
    )
    Follow.objects.bulk_create(
        Follow(subscriber_id=s.pk, category_id=(desk if i % every == 0 else other).pk)
        for i, s in enumerate(made, start)
    )
if "{kind}" == "alert":
    from newsletters import services
    services.alert_create(article=article, category=desk)
elif "{kind}" == "newsletter":
    from newsletters import services
    issue = Newsletter.objects.create(name="The Morning Briefing", subject="Good morning",
                                      intro="Three stories to start the day.")
    issue.articles.set([article])
    services.newsletter_send(newsletter=issue)
print(Subscriber.objects.count())
"""


class Sink:
    """Counts the messages the server accepts; keeps none (its memory is not measured)."""

    def __init__(self):
        self.count = 0
        self.bytes = 0
        self.first = self.last = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.content)
            self.last = time.monotonic()
            self.first = self.first or self.last
        return "250 OK"


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=10000)
    parser.add_argument("--kind", choices=["alert", "digest", "newsletter"], default="alert")
    parser.add_argument(
        "--list",
        type=int,
        default=None,
        help="subscribers in all (default: --recipients); the others follow another desk "
        "and take no newsletters, so the send walks the whole list for its recipients",
    )
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--timeout", type=float, default=3600, help="seconds before giving up")
    parser.add_argument("--keep", action="store_true", help="keep the site's directory")
    args = parser.parse_args()
    args.list = args.list or args.recipients
    return args


def site_env(var_dir, smtp_port, kind, batch_size):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="localhost",
        DJANGO_VAR_DIR=str(var_dir),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_port),
        NEWSLETTERS_BATCH_SIZE=str(batch_size),
        NEWSLETTERS_PER_MINUTE="1000000000",
        NEWSLETTERS_DIGEST_TIME="00:00" if kind == "digest" else "",
    )
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def memory_kib(pid):
    """(VmRSS, VmHWM) of a live process, in KiB."""
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def send_done(db_path):
    with sqlite3.connect(db_path, timeout=30) as db:
        row = db.execute("SELECT status FROM newsletters_send ORDER BY id DESC LIMIT 1").fetchone()
        sent = db.execute("SELECT COUNT(*) FROM newsletters_delivery WHERE status='sent'")
        return (row is not None and row[0] == "done"), sent.fetchone()[0]


def main():
    args = arguments()
    sink = Sink()
    port = free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    var_dir = Path(tempfile.mkdtemp(prefix="newsletter-bench-"))
    env = site_env(var_dir, port, args.kind, args.batch_size)
    try:
        print(f"Seeding {args.list:,} subscribers in {var_dir} ...", flush=True)
        if args.list % args.recipients or (args.kind == "digest" and args.list != args.recipients):
            raise SystemExit("--list must be a multiple of --recipients (and equal for a digest)")
        every = args.list // args.recipients
        seed = SEED.format(n=args.list, every=every, kind=args.kind, digest=args.kind == "digest")
        subprocess.run(
            [sys.executable, "manage.py", "shell", "--command", seed],
            cwd=BASE_DIR,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        result = run_worker(args, env, sink, var_dir / "db.sqlite3")
    finally:
        controller.stop()
        if not args.keep:
            shutil.rmtree(var_dir, ignore_errors=True)
    write(args, result)


def run_worker(args, env, sink, db_path):
    command = [sys.executable, "manage.py", "jobs_worker", "--interval", "0.05"]
    command += ["--no-startup-delay", "--worker-id", "bench"]
    started = time.monotonic()
    log = (db_path.parent / "worker.log").open("w")  # a pipe left unread would fill
    worker = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
    samples, done, sent = [], False, 0
    try:
        while time.monotonic() - started < args.timeout:
            time.sleep(0.5)
            if worker.poll() is not None:
                raise SystemExit(f"the worker exited: see {log.name}")
            samples.append((time.monotonic() - started, sink.count, *memory_kib(worker.pid)))
            done, sent = send_done(db_path)
            if done:
                break
        finished = time.monotonic()
        rss, peak = memory_kib(worker.pid)
    finally:
        worker.terminate()
        worker.wait(30)
        log.close()
    if not done:
        raise SystemExit(f"not done after {args.timeout} s: {sink.count} messages")
    return {
        "recipients": args.recipients,
        "subscribers": args.list,
        "kind": args.kind,
        "batch_size": args.batch_size,
        "messages": sink.count,
        "sent_rows": sent,
        "mebibytes_mailed": round(sink.bytes / 2**20, 1),
        "wall_seconds": round(finished - started, 1),
        "sending_seconds": round(sink.last - sink.first, 1),
        "messages_per_second": round(sink.count / (sink.last - sink.first), 1),
        "job_attempts": attempts(db_path),
        "peak_rss_mib": round(peak / 1024, 1),
        "rss_at_end_mib": round(rss / 1024, 1),
        # The worker's resident memory once a tenth and once nine tenths were mailed: flat
        # if the recipients are read in batches rather than all at once.
        "rss_at_10_percent_mib": rss_at(samples, args.recipients * 0.1),
        "rss_at_90_percent_mib": rss_at(samples, args.recipients * 0.9),
        "python": sys.version.split()[0],
        "cores": os.cpu_count(),
        "load_average": os.getloadavg()[0],
    }


def attempts(db_path):
    """Batches run, and how many of them were tried more than once (a failure retried)."""
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT worker_ids FROM django_tasks_database_dbtaskresult").fetchall()
    tries = [len(json.loads(ids)) for (ids,) in rows]
    return {"jobs": len(tries), "retried": sum(1 for n in tries if n > 1)}


def rss_at(samples, count):
    return next((round(rss / 1024, 1) for _, n, rss, _ in samples if n >= count), None)


def write(args, result):
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%SZ")
    RESULTS.mkdir(exist_ok=True)
    name = f"newsletter-send-{stamp}-{args.kind}-{args.recipients}-of-{args.list}.json"
    path = RESULTS / name
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"Written to {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
