"""`make loadtest`: a comment burst, a read soak while editors publish, and faults.

Runs against real gunicorn servers on 127.0.0.1, first on SQLite (one box), then on a
throwaway PostgreSQL with Redis shared by two servers. Only loopback addresses are used;
each reader posts from its own 127.0.x.y source address, as distinct readers would.
Exits non-zero when any check fails; the report lands in test-output/loadtest/.
"""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

from tests.load.http import Client, free_port, wait_until_up
from tests.load.scripts import EDITOR_LOOP, PUBLISH_ONE, READERS, TALLY
from tests.pgserver import postgres_server

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"
REPORTS = ROOT / "test-output" / "loadtest"


class Site:
    """One deployment: its environment, its database and the gunicorn servers in front."""

    def __init__(self, label, extra_env):
        self.label = label
        self.var = Path(tempfile.mkdtemp(prefix=f"newsroom-load-{label}-"))
        self.env = {
            **os.environ,
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_DEBUG": "0",
            "DJANGO_HTTPS": "0",
            "DJANGO_VAR_DIR": str(self.var),
            "GUNICORN_ACCESSLOG": "",
            **extra_env,
        }
        self.servers = []

    def manage(self, *args):
        result = subprocess.run(
            [BIN / "python", "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def django(self, code, **values):
        return json.loads(self.manage("shell", "-c", code % values).strip().splitlines()[-1])

    def prepare(self, readers):
        self.manage("migrate", "--noinput", "-v0")
        self.manage("seed_demo", "--articles", "60", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        return self.django(READERS, count=readers)

    def start_server(self, workers=3):
        port = free_port()
        log = open(self.var / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            [
                BIN / "gunicorn",
                "--config",
                "gunicorn.conf.py",
                "--workers",
                str(workers),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.servers.append((process, log))
        wait_until_up(port)
        return port, process

    def worker_pids(self, process):
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def server_logs(self):
        return "".join(
            (self.var / name).read_text()
            for name in os.listdir(self.var)
            if name.startswith("gunicorn-")
        )

    def stop(self):
        for process, log in self.servers:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
            log.close()
        shutil.rmtree(self.var, ignore_errors=True)


def comment_burst(site, port, process, setup, kill_worker):
    """Every reader posts at once; one worker is killed mid-burst when asked."""
    article_url, article_id, sessions = setup["url"], setup["article_id"], setup["sessions"]
    run_id = secrets.token_hex(4)
    clients = [
        Client(port, source=f"127.0.{1 + i // 250}.{1 + i % 250}", session=s)
        for i, s in enumerate(sessions)
    ]
    for client in clients:
        client.fetch_csrf(article_url)
    start = threading.Barrier(len(clients) + 1)
    outcomes = [None] * len(clients)

    def post(index, client):
        start.wait()
        body = f"Load test {run_id} reader {index}: the harbour plan needs a second look."
        outcomes[index] = (
            body,
            client.post(f"/comments/article/{article_id}/post/", {"body": body}),
        )

    threads = [threading.Thread(target=post, args=(i, c)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    killed = None
    if kill_worker:
        time.sleep(0.05)
        workers = site.worker_pids(process)
        if workers:
            killed = workers[0]
            os.kill(killed, signal.SIGKILL)
    for thread in threads:
        thread.join()
    stored = site.django(TALLY, run_id=run_id)
    statuses = Counter(status for _, status in outcomes)
    acknowledged = [body for body, status in outcomes if status in (301, 302, 303)]
    lost = [body for body in acknowledged if stored.get(body, 0) != 1]
    doubled = [body for body, count in stored.items() if count > 1]
    return {
        "posts": len(clients),
        "statuses": dict(sorted(statuses.items(), key=str)),
        "acknowledged": len(acknowledged),
        "stored": sum(stored.values()),
        "acknowledged but not stored once": len(lost),
        "stored more than once": len(doubled),
        "5xx": sum(n for s, n in statuses.items() if isinstance(s, int) and s >= 500),
        "killed worker": killed,
    }


def read_soak(site, ports, urls, seconds, faults):
    """Anonymous readers for `seconds` while an editor publishes; faults at fixed times."""
    deadline = time.monotonic() + seconds
    phase = {"name": "normal"}
    tallies = {}
    lock = threading.Lock()

    def reader(number):
        client = Client(ports[number % len(ports)], source="127.0.0.1")
        rng = random.Random(number)
        while time.monotonic() < deadline:
            status = client.get(rng.choice(urls))
            with lock:
                tallies.setdefault(phase["name"], Counter())[status] += 1

    editor = subprocess.Popen(
        [BIN / "python", "manage.py", "shell", "-c", EDITOR_LOOP % {"seconds": seconds}],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for at, name, begin, end in faults:
        time.sleep(max(0, deadline - seconds + at - time.monotonic()))
        phase["name"] = f"{name} (down)"
        begin()
        time.sleep(4)
        end()
        phase["name"] = f"after {name}"
    for thread in threads:
        thread.join()
    out, err = editor.communicate(timeout=120)
    published = json.loads(out.strip().splitlines()[-1]) if editor.returncode == 0 else err[:3000]
    return {name: dict(sorted(t.items(), key=str)) for name, t in tallies.items()}, published


def cross_server_publish(site, ports):
    """A publish through one server is on the other's cached home page at once."""
    reader = Client(ports[1], source="127.0.0.1")
    reader.get("/")
    reader.get("/")  # now cached on the second server
    headline = site.django(PUBLISH_ONE)["headline"]
    return headline in reader.get_text("/")


def check(report):
    failures = []
    for leg, result in report.items():
        burst = result["burst"]
        if (
            burst["5xx"]
            or burst["acknowledged but not stored once"]
            or burst["stored more than once"]
        ):
            failures.append(f"{leg}: comment burst lost, doubled or failed writes")
        for phase, statuses in result["soak"].items():
            bad = {s: n for s, n in statuses.items() if isinstance(s, int) and s >= 500}
            if "database (down)" in phase:
                bad.pop(503, None)  # the clean answer while the database is away
            if bad:
                failures.append(f"{leg}: {phase}: {bad}")
        if result["database is locked"]:
            failures.append(f"{leg}: 'database is locked' in the server logs")
        if result.get("publish seen on the other server") is False:
            failures.append(f"{leg}: a publish on one server was not seen on the other")
        if result.get("recovered") is False:
            failures.append(f"{leg}: pages did not recover after the faults")
    return failures


def run_leg(label, extra_env, args, faults_for=None):
    site = Site(label, extra_env)
    try:
        setup = site.prepare(args.readers)
        port, process = site.start_server()
        result = {"burst": comment_burst(site, port, process, setup, kill_worker=True)}
        ports = [port]
        if faults_for:
            ports.append(site.start_server()[0])
            result["publish seen on the other server"] = cross_server_publish(site, ports)
        faults = faults_for(args.soak) if faults_for else []
        result["soak"], result["editor publishes"] = read_soak(
            site, ports, setup["read_urls"], args.soak, faults
        )
        result["recovered"] = all(Client(p, source="127.0.0.1").get("/") == 200 for p in ports)
        result["database is locked"] = site.server_logs().count("database is locked")
        return result
    finally:
        site.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--readers", type=int, default=200, help="readers in the burst")
    parser.add_argument("--soak", type=int, default=120, help="seconds of read soak")
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    report = {}
    if args.only != "postgres":
        report["sqlite"] = run_leg("sqlite", {}, args)
    if args.only != "sqlite":
        with postgres_server() as database, redis_server() as redis:

            def faults(seconds):
                return [
                    (seconds / 3, "database", database.stop, database.start),
                    (2 * seconds / 3, "cache", redis.stop, redis.start),
                ]

            env = {"DATABASE_URL": database.url, "REDIS_URL": redis.url}
            report["postgres+redis, two servers"] = run_leg("postgres", env, args, faults)
    failures = check(report)
    REPORTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (REPORTS / f"loadtest-{stamp}.json").write_text(json.dumps(report, indent=2, default=str))
    print(json.dumps(report, indent=2, default=str))
    print(
        "\n"
        + (
            "\n".join(f"FAIL {f}" for f in failures)
            or "PASS: zero 5xx outside the "
            "database outage, zero lost or doubled comments, no 'database is locked'"
        )
    )
    return 1 if failures else 0


class redis_server:
    """A throwaway redis-server on a free loopback port; stop() and start() simulate outages."""

    def __enter__(self):
        binary = shutil.which("redis-server")
        if not binary:
            sys.exit("redis-server is missing: apt-get install redis-server")
        self.binary, self.port, self.process = binary, free_port(), None
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.start()
        return self

    def start(self):
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until_up(self.port, http=False)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.stop()


if __name__ == "__main__":
    sys.exit(main())
