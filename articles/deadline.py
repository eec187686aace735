"""A wall-clock limit on CPU-bound work inside a request: rendering a body, for one.

Linear-time parsing and the size limit already bound the work; this makes the bound a
fixed time whatever the input, so no body can hold a worker for long. It uses SIGALRM,
which only the main thread can receive: gunicorn's sync workers serve each request there.
Elsewhere (threaded dev servers, background threads) the work simply runs unbounded.
"""

import signal
import threading
from contextlib import contextmanager


class TooSlow(Exception):
    """The work did not finish within its time."""


@contextmanager
def within(seconds):
    # Only the main thread receives signals; an alarm already set belongs to someone else.
    if (
        not seconds
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0]
    ):
        yield
        return

    def expire(signum, frame):
        raise TooSlow(f"took longer than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
