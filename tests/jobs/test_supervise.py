"""`make run` is one command for the web server and the worker: they stop together."""

import signal
import subprocess
import sys
import time

from tests.newsroom.servers import BASE_DIR

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
QUITTER = [sys.executable, "-c", "import time; time.sleep(0.5); raise SystemExit(3)"]


def supervise(*commands):
    argv = [sys.executable, "-m", "jobs.supervise"]
    for command in commands:
        argv += ["--", *command]
    return subprocess.Popen(argv, cwd=BASE_DIR, stderr=subprocess.PIPE, text=True)


def children_of(pid):
    result = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True)
    return [int(line) for line in result.stdout.split()]


def alive(pid):
    result = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True)
    return bool(result.stdout.strip()) and not result.stdout.strip().startswith("Z")


def wait_for_children(pid, count):
    deadline = time.monotonic() + 10
    while len(children_of(pid)) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return children_of(pid)


def test_sigterm_stops_both_commands():
    supervisor = supervise(SLEEPER, SLEEPER)
    children = wait_for_children(supervisor.pid, 2)
    assert len(children) == 2
    supervisor.send_signal(signal.SIGTERM)
    assert supervisor.wait(10) == 0
    assert not any(alive(pid) for pid in children)


def test_ctrl_c_stops_both_commands():
    supervisor = supervise(SLEEPER, SLEEPER)
    children = wait_for_children(supervisor.pid, 2)
    supervisor.send_signal(signal.SIGINT)
    assert supervisor.wait(10) == 0
    assert not any(alive(pid) for pid in children)


def test_when_one_command_dies_the_other_is_stopped_and_the_failure_reported():
    supervisor = supervise(SLEEPER, QUITTER)
    sleeper = wait_for_children(supervisor.pid, 2)[0]
    assert supervisor.wait(10) == 3
    assert not alive(sleeper)
    assert "exited; stopping the rest" in supervisor.stderr.read()
