"""Run a command against a throwaway PostgreSQL server: `python -m tests.pgserver -- CMD...`.

The server lives in a temporary directory on a free port, and is stopped and removed
when the command ends, whatever its result. DATABASE_URL points the command at it.
"""

import contextlib
import os
import pwd
import shutil
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


@contextlib.contextmanager
def throwaway_server():
    bindir = postgres_bindir()
    owner = as_postgres_user()
    root = Path(tempfile.mkdtemp(prefix="newsroom-pg-"))
    data, sockets = root / "data", root / "sockets"
    sockets.mkdir()
    if owner:
        for path in (root, sockets):
            os.chown(path, *owner)

    def run(*args):
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, user=owner and owner[0],
                       group=owner and owner[1])  # fmt: skip

    port = free_port()
    try:
        run(bindir / "initdb", "-D", data, "-U", "newsroom", "--auth=trust", "-E", "UTF8",
            "--no-sync", "--locale=C.UTF-8")  # fmt: skip
        options = " ".join(
            [f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c max_connections=200",
             # Durability is pointless for a server deleted after the run; speed is not.
             "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"]
        )  # fmt: skip
        run(bindir / "pg_ctl", "-D", data, "-o", options, "-l", root / "server.log", "-w", "start")
        # Django creates its own test database; "postgres" is only where it logs in first.
        yield f"postgres://newsroom@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            run(bindir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def main(argv):
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    if not command:
        sys.exit("usage: python -m tests.pgserver -- COMMAND [ARGS...]")
    with throwaway_server() as url:
        env = {**os.environ, "DATABASE_URL": url}
        print(f"PostgreSQL test server at {url}", flush=True)
        return subprocess.run(command, env=env).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
