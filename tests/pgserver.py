"""Run a command against a throwaway PostgreSQL server: `python -m tests.pgserver -- CMD...`.

The server lives in a temporary directory on a free port, and is stopped and removed
when the command ends, whatever its result. DATABASE_URL points the command at it.
"""

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path


def postgres_bindir():
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(Path(out.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for directory in candidates:
        if (directory / "initdb").exists() and (directory / "pg_ctl").exists():
            return directory
    sys.exit("PostgreSQL server binaries not found: apt-get install postgresql")


def real_clock_env():
    """The environment without libfaketime, for servers that cannot run under it (Redis and
    Varnish stop at start). make test runs its legs at awkward hours with faketime (see the
    Makefile); these servers only count relative times (TTLs), so the real clock does."""
    return {
        name: value
        for name, value in os.environ.items()
        if name != "LD_PRELOAD" and not name.startswith("FAKETIME")
    }


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def as_postgres_user():
    """PostgreSQL refuses to run as root; run it as the Debian package's `postgres` user."""
    if os.geteuid() != 0:
        return None
    user = pwd.getpwnam("postgres")
    return user.pw_uid, user.pw_gid


class PostgresServer:
    """A PostgreSQL cluster in a temporary directory; stop() and start() simulate outages."""

    def __init__(self):
        self.bindir = postgres_bindir()
        self.owner = as_postgres_user()
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
        self.data, self.sockets = self.root / "data", self.root / "sockets"
        self.sockets.mkdir()
        if self.owner:
            for path in (self.root, self.sockets):
                os.chown(path, *self.owner)
        self.port = free_port()
        # Django creates its own test database; "postgres" is only where it logs in first.
        self.url = f"postgres://newsroom@127.0.0.1:{self.port}/postgres"

    def run(self, *args):
        uid, gid = self.owner or (None, None)
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, user=uid, group=gid)

    def initdb(self):
        self.run(
            self.bindir / "initdb",
            "-D",
            self.data,
            "-U",
            "newsroom",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
            "--locale=C.UTF-8",
        )

    def start(self):
        options = " ".join(
            [
                f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1",
                "-c max_connections=200",
                # Durability is pointless for a server deleted after the run; speed is not.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            ]
        )
        self.run(
            self.bindir / "pg_ctl",
            "-D",
            self.data,
            "-o",
            options,
            "-l",
            self.root / "server.log",
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        if (self.data / "postmaster.pid").exists():
            self.run(self.bindir / "pg_ctl", "-D", self.data, "-m", mode, "-w", "stop")

    def remove(self):
        self.stop(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def postgres_server():
    server = PostgresServer()
    try:
        server.initdb()
        server.start()
        yield server
    finally:
        server.remove()


@contextlib.contextmanager
def throwaway_server():
    with postgres_server() as server:
        yield server.url


def exit_on_sigterm(signum, frame):
    # Python's default for SIGTERM ends the process at once, skipping the `finally` that stops
    # PostgreSQL: a stopped CI job or `kill` would leave a server running. Leave like Ctrl-C.
    raise SystemExit(128 + signum)


def main(argv):
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    if not command:
        sys.exit("usage: python -m tests.pgserver -- COMMAND [ARGS...]")
    signal.signal(signal.SIGTERM, exit_on_sigterm)
    with throwaway_server() as url:
        env = {**os.environ, "DATABASE_URL": url}
        print(f"PostgreSQL test server at {url}", flush=True)
        return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
