"""The throwaway PostgreSQL of `make test` never outlives the command that started it."""

import signal
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.newsroom.servers import wait_for_port
from tests.pgserver import postgres_bindir

pytestmark = pytest.mark.skipif(
    not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")), reason="no PostgreSQL installed"
)


def test_stopping_the_runner_with_sigterm_stops_its_postgresql():
    postgres_bindir()
    runner = subprocess.Popen(
        [sys.executable, "-m", "tests.pgserver", "--", "sleep", "300"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        url = runner.stdout.readline().strip().rsplit(" ", 1)[-1]
        port = urlsplit(url).port
        wait_for_port(port)

        runner.send_signal(signal.SIGTERM)
        runner.wait(timeout=30)

        with pytest.raises(ConnectionRefusedError):  # nothing listens: PostgreSQL has stopped
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
    finally:
        runner.kill()
        runner.wait()
        runner.stdout.close()
