"""The live-coverage scenario of `make bench`, on the server run with the cache on.

- throughput: the poll endpoint of a live page (`/live/<id>/updates.json`) under wrk, against
  the static file measured just before it, both warm.
- freshness: READERS simulated readers each poll the endpoint every POLL_EVERY seconds (at
  random offsets, as readers who opened the page at different times) while
  bench/live_journalist.py posts an update every POST_EVERY seconds; for every update, how
  long after its commit each reader first saw it. Every reader should see every update
  within one polling interval.
"""

import asyncio
import json
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import wrk

BASE_DIR = Path(__file__).resolve().parent.parent
READERS, POLL_EVERY, POST_EVERY = 1000, 15.0, 30.0
UPDATE_ID = re.compile(rb'"id":\s*(\d+)')


def setup(env):
    result = Path(env["DJANGO_VAR_DIR"]) / "live.json"
    command = [sys.executable, "bench/live_setup.py", str(result)]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    return result, json.loads(result.read_text())


async def poll_once(host, port, path):
    # HTTP/1.0: one response, no chunked encoding, the connection closed after it.
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n".encode())
    await writer.drain()
    data = await reader.read()
    writer.close()
    return {int(found) for found in UPDATE_ID.findall(data.partition(b"\r\n\r\n")[2])}


async def simulated_reader(host, port, path, until, polls, errors):
    """Polls until `until`, keeping (when the poll began, when it was answered, ids)."""
    await asyncio.sleep(random.uniform(0, POLL_EVERY))
    while time.time() < until:
        began = time.time()
        try:
            ids = await poll_once(host, port, path)
        except OSError:
            errors.append(1)
        else:
            polls.append((began, time.time(), ids))
        await asyncio.sleep(POLL_EVERY)


async def readers(base, path, seconds):
    parts = urlsplit(base)
    until = time.time() + seconds
    polls = [[] for _ in range(READERS)]
    errors = []
    await asyncio.gather(
        *(simulated_reader(parts.hostname, parts.port, path, until, mine, errors) for mine in polls)
    )
    return polls, len(errors)


def freshness(env, setup_file, base, path, seconds):
    command = [sys.executable, "bench/live_journalist.py", str(setup_file), str(POST_EVERY)]
    journalist = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True)
    try:
        journalist.stdout.readline()  # "ready"
        polls, errors = asyncio.run(readers(base, path, seconds))
    finally:
        journalist.send_signal(signal.SIGTERM)
        out, _ = journalist.communicate(timeout=60)
    posts = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    # For each update and reader: the reader's first poll begun after the commit must show
    # it (the update reached them within one polling interval); delays are commit to answer.
    judged, in_time, late, delays = 0, 0, 0, []
    for post in posts:
        for mine in polls:
            after = [poll for poll in mine if poll[0] > post["committed"]]
            if not after:
                continue  # the run ended before this reader polled again
            judged += 1
            began, answered, ids = after[0]
            if post["id"] in ids:
                in_time += 1
                delays.append(answered - post["committed"])
            else:
                late += 1
    return {
        "readers": READERS,
        "poll_every_s": POLL_EVERY,
        "post_every_s": POST_EVERY,
        "seconds": seconds,
        "polls": sum(len(mine) for mine in polls),
        "updates_posted": len(posts),
        "sightings_judged": judged,
        "late": late,
        "errors": errors,
        "within_one_interval": round(in_time / max(1, judged), 4),
        "delay_median_s": round(statistics.median(delays), 2) if delays else None,
        "delay_max_s": round(max(delays), 2) if delays else None,
    }


def run(env, args, base, static_url, seconds=75):
    """Both measures on a running server with the page cache on."""
    setup_file, live = setup(env)
    print(f"  live: the poll endpoint {live['poll']} under wrk, then {READERS} pollers", flush=True)
    wrk.fetch_quietly(base + live["poll"])
    static = wrk.run(
        base + static_url,
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
    )
    poll = wrk.run(
        base + live["poll"],
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
    )
    return {
        "live": {
            "poll": live["poll"],
            "static_rps": static["requests_per_second"],
            "poll_rps": poll["requests_per_second"],
            "ratio": round(poll["requests_per_second"] / max(1, static["requests_per_second"]), 3),
            "freshness": freshness(env, setup_file, base, live["poll"], seconds),
        }
    }


def table(scenarios):
    live = scenarios.get("live")
    if not live:
        return ""
    fresh = live["freshness"]
    return "\n".join(
        [
            f"live poll endpoint (warm) {live['poll_rps']:>8.0f} req/s against the static file "
            f"{live['static_rps']:.0f}: {live['ratio']:.2f}x (target >= 0.9)",
            f"live freshness: {fresh['readers']} readers polling every "
            f"{fresh['poll_every_s']:.0f} s, "
            f"an update every {fresh['post_every_s']:.0f} s for {fresh['seconds']} s: "
            f"{fresh['polls']} polls, {fresh['updates_posted']} updates; of "
            f"{fresh['sightings_judged']} (update, reader) pairs, "
            f"{fresh['within_one_interval'] * 100:.1f} % shown at the reader's first poll after "
            f"the commit ({fresh['late']} late, {fresh['errors']} errors); commit to answer: "
            f"median {fresh['delay_median_s']} s, max {fresh['delay_max_s']} s",
        ]
    )
