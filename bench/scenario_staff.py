"""The newsroom at work during a busy day, until it is stopped: fifty staff with an article
open each, as their browsers would be (presence.js, autosave.js).

Each person sends a heartbeat (mode=editing) every 15 s and an autosave of their change
form's text fields every 10 s, each started at a random offset within its interval so the
load is steady from the first second rather than fifty requests at once. Each kind keeps its
own schedule (a slow answer delays nothing else). Any answer that is not 200 is counted,
and so is a redirect (to the login page), which is not followed; so is a heartbeat that
does not hold the person's article.

SIGUSR1 starts a round: once every person has had a heartbeat and an autosave answered 200
that were sent after the signal, "round" is printed (or "round incomplete" after three
heartbeat intervals). bench/busy.py uses it to check that the public pages are still cache
hits after writes it knows happened. SIGTERM stops it; it prints a JSON summary.

Stdlib only. `python bench/scenario_staff.py BASE_URL SETUP.json` (SETUP: from
bench/scenario_setup.py, its "staff").
"""

import json
import random
import resource
import signal
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

HEARTBEAT_EVERY, AUTOSAVE_EVERY = 15.0, 10.0
TIMEOUT = 30
# What a person "types": added to the headline and the body, so a published page showing
# it would be an autosave reaching readers.
TYPED = "Bench staff typing"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect to the login page is an answer to count, not to follow


opener = urllib.request.build_opener(NoRedirect)
printing = threading.Lock()


def say(line):
    with printing:
        print(line, flush=True)


class Tally:
    """The counts, shared by every person's threads, and the round bench/busy.py asks for."""

    def __init__(self):
        self.lock = threading.Lock()
        self.counts = Counter()
        self.statuses = Counter()
        self.ms = {"heartbeat": [], "autosave": []}
        self.round_from = None
        self.waiting = set()

    def record(self, person, kind, started, status, holding=True):
        with self.lock:
            self.counts[kind + "s"] += 1
            self.statuses[str(status)] += 1
            self.ms[kind].append((time.monotonic() - started) * 1000)
            if status != 200:
                self.counts["errors"] += 1
            elif not holding:
                self.counts["not_holding"] += 1
            if self.round_from is not None and status == 200 and started >= self.round_from:
                self.waiting.discard((person, kind))
                if not self.waiting:
                    self.round_from = None
                    say("round")

    def start_round(self, people):
        with self.lock:
            self.round_from = time.monotonic()
            self.waiting = {(p["username"], k) for p in people for k in ("heartbeat", "autosave")}
        threading.Thread(target=self.round_deadline, daemon=True).start()

    def round_deadline(self):
        time.sleep(3 * HEARTBEAT_EVERY)
        with self.lock:
            if self.round_from is not None:
                self.round_from = None
                say(f"round incomplete: {len(self.waiting)} answers never came back 200")

    def summary(self, people, seconds):
        def spread(values):
            if not values:
                return None
            ordered = sorted(values)
            p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
            return {"median": round(statistics.median(ordered), 1), "p95": round(p95, 1)}

        return {
            "people": people,
            "seconds": round(seconds, 1),
            "heartbeats": self.counts["heartbeats"],
            "autosaves": self.counts["autosaves"],
            "errors": self.counts["errors"],
            "not_holding": self.counts["not_holding"],
            "statuses": dict(self.statuses),
            "heartbeat_ms": spread(self.ms["heartbeat"]),
            "autosave_ms": spread(self.ms["autosave"]),
            # This process's own CPU: on the bench's machine it competes with the server,
            # which fifty browsers elsewhere would not.
            "client_cpu_s": round(sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), 2),
        }


def post(base, person, path, fields):
    """POST as the person's browser does (session and CSRF cookies, the token in the
    X-CSRFToken header); the status and the decoded JSON answer, or None."""
    request = urllib.request.Request(
        base + path,
        data=urllib.parse.urlencode(fields).encode(),
        headers={
            "Cookie": person["cookie"],
            "X-CSRFToken": person["csrf_token"],
            "Accept": "application/json",
        },
    )
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            body = response.read()
            return response.status, json.loads(body) if response.status == 200 else None
    except urllib.error.HTTPError as error:
        return error.code, None
    except (OSError, ValueError):
        return "unanswered", None  # refused, reset, timed out, or not JSON


def heartbeat(base, person, tally, _typed):
    started = time.monotonic()
    path = f"/admin/presence/{person['article_id']}/heartbeat/"
    status, answer = post(base, person, path, {"mode": "editing"})
    tally.record(
        person["username"], "heartbeat", started, status, bool(answer and answer["holding"])
    )


def autosave(base, person, tally, typed):
    """The change form's text fields with a little more typed each time."""
    typed[0] += 1
    words = f"{TYPED} {person['username']} {typed[0]}."
    fields = dict(person["fields"])
    fields["headline"] = f"{fields['headline']} ({words})"
    fields["body"] = f"{fields['body']}\n\n{words}"
    fields["edit_version"] = person["edit_version"]
    fields["edit_revision"] = person["edit_revision"]
    started = time.monotonic()
    status, _ = post(base, person, f"/admin/autosave/{person['article_id']}/", fields)
    tally.record(person["username"], "autosave", started, status)


def every(interval, offset, send, stopping):
    """Send at offset, offset + interval, ...; a late answer never brings a burst."""
    due = time.monotonic() + offset
    while not stopping.wait(max(0.0, due - time.monotonic())):
        send()
        due = max(due + interval, time.monotonic())


def main():
    base, setup = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    people = setup["staff"]
    tally, stopping = Tally(), threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    signal.signal(signal.SIGUSR1, lambda *_: tally.start_round(people))
    rng = random.Random(26)
    threads = []
    for person in people:
        typed = [0]
        for send, interval in ((heartbeat, HEARTBEAT_EVERY), (autosave, AUTOSAVE_EVERY)):
            job = lambda send=send, person=person, typed=typed: send(base, person, tally, typed)  # noqa: E731
            args = (interval, rng.uniform(0, interval), job, stopping)
            threads.append(threading.Thread(target=every, args=args, daemon=True))
    started = time.monotonic()
    for thread in threads:
        thread.start()
    say("ready")
    while not stopping.wait(0.2):
        pass
    for thread in threads:
        thread.join(timeout=TIMEOUT + 5)
    say(json.dumps(tally.summary(len(people), time.monotonic() - started)))


if __name__ == "__main__":
    main()
