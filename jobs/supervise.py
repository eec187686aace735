"""Run the web server and the job worker as one command: `make run`.

    python -m jobs.supervise -- gunicorn newsroom.wsgi ... -- python manage.py jobs_worker

Each command runs in its own session, so a terminal's Ctrl-C reaches only this process,
which passes one SIGTERM to each (gunicorn and the worker both finish what they are doing
and stop); a second Ctrl-C stops them at once. If one command exits, the other is stopped
too, and the exit status is the one that ended first. Production runs them as separate
services instead (docs/operations.md).
"""

import signal
import subprocess
import sys
import time

GRACE_SECONDS = 35  # gunicorn's graceful timeout is 30 s


def split_commands(argv):
    commands, current = [], None
    for arg in argv:
        if arg == "--":
            current = []
            commands.append(current)
        elif current is not None:
            current.append(arg)
    if len(commands) < 2 or not all(commands):
        sys.exit("usage: python -m jobs.supervise -- COMMAND ... -- COMMAND ...")
    return commands


def stop(processes, sig):
    for process in processes:
        if process.poll() is None:
            process.send_signal(sig)


def wait_all(processes, timeout):
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.wait(max(deadline - time.monotonic(), 0))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def main(argv):
    processes = [subprocess.Popen(command, start_new_session=True) for command in argv]
    signals_seen = []

    def on_signal(signum, frame):
        signals_seen.append(signum)
        stop(processes, signal.SIGTERM if len(signals_seen) == 1 else signal.SIGKILL)

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)

    first = None
    while first is None:
        first = next((p for p in processes if p.poll() is not None), None)
        time.sleep(0.2)
    if not signals_seen:
        print(f"{' '.join(first.args)} exited; stopping the rest", file=sys.stderr, flush=True)
        stop(processes, signal.SIGTERM)
    wait_all(processes, GRACE_SECONDS)
    return 0 if signals_seen else (first.returncode or 1)


if __name__ == "__main__":
    sys.exit(main(split_commands(sys.argv[1:])))
