"""A worker killed mid-job loses nothing: another worker runs the job again, once.

Real worker processes on a site of their own (a temporary DJANGO_VAR_DIR): its own SQLite
file, or in the PostgreSQL stage its own database on the test server.
"""

import json
import os
import secrets
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from tests.newsroom.servers import BASE_DIR, manage, site_env

pytestmark = pytest.mark.multiserver

ENQUEUE = """
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from tests.jobs.tasks import open_section_slowly
print(open_section_slowly.enqueue("late-edition", {started!r}, {hold!r}).id)
"""

REPORT = """
import json
from articles.models import Category
from django_tasks_db.models import DBTaskResult
job = DBTaskResult.objects.get(pk={job_id!r})
print(json.dumps({{"status": job.status, "workers": job.worker_ids,
    "sections": Category.objects.filter(slug="late-edition").count()}}))
"""


def start_worker(env, worker_id):
    command = [sys.executable, "manage.py", "jobs_worker", "--interval", "0.1"]
    command += ["--no-startup-delay", "--worker-id", worker_id]
    return subprocess.Popen(
        command, cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def wait_for(condition, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise TimeoutError(what)


def report(env, job_id):
    output = manage(env, "shell", "--command", REPORT.format(job_id=job_id))
    return json.loads(output.strip().splitlines()[-1])


@pytest.fixture
def database():
    """Nothing for SQLite (the site's own file); a fresh database on the PostgreSQL server."""
    server = os.environ.get("DATABASE_URL")
    if not server:
        yield {}
        return
    name = f"jobs_{secrets.token_hex(4)}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    yield {"DATABASE_URL": f"{server.rsplit('/', 1)[0]}/{name}"}
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


# Kills and restarts a worker, whose recovery waits on heartbeats: on the real clock, beside
# the legs (make test-real-clock), where libfaketime cannot stall those waits.
@pytest.mark.real_clock
def test_a_job_killed_mid_run_runs_again_on_another_worker_with_its_effect_once(tmp_path, database):
    env = site_env(
        tmp_path / "var",
        tmp_path / "static",
        NEWSROOM_JOBS_HEARTBEAT_SECONDS="1",
        NEWSROOM_JOBS_WORKER_TIMEOUT_SECONDS="3",
        **database,
    )
    started, hold = tmp_path / "started", tmp_path / "hold"
    hold.write_text("hold")
    output = manage(env, "shell", "--command", ENQUEUE.format(started=str(started), hold=str(hold)))
    job_id = output.strip().splitlines()[-1]

    first = start_worker(env, "first")
    try:
        wait_for(started.exists, 30, "the first worker never started the job")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    assert report(env, job_id)["status"] == "RUNNING", "the dead worker's claim is left"

    started.unlink()
    hold.unlink()  # this time the job may finish
    second = start_worker(env, "second")
    try:
        wait_for(lambda: report(env, job_id)["status"] == "SUCCESSFUL", 45, "never rerun")
    finally:
        second.send_signal(signal.SIGTERM)
        _, errors = second.communicate(timeout=20)

    assert started.exists(), "the job ran again from the start"
    final = report(env, job_id)
    assert final["workers"] == ["first", "second"]
    assert final["sections"] == 1, "its effect happened once"
    assert second.returncode == 0, errors.decode()
