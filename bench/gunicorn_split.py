"""Where a request's machine time goes under gunicorn and wrk: anchor, static copy, hit.

In process (bench/profile_paths.py) a page-cache hit costs ~60 µs of CPU more than the
anchor (bare Django + WhiteNoise, bench/anchor); under wrk the gap per request was more than
twice that. This serves both, as bench/run.py does (the same gunicorn.conf.py, the same
workers, the page cache on), runs wrk against the anchor's file, our static copy of the
article and the article as a hit, alternating, and reads utime+stime from /proc before and
after each run of:

- the gunicorn workers (live ones, plus those the master reaped meanwhile: its cutime),
- the gunicorn master,
- wrk (this process's reaped children),
- the whole machine (/proc/stat: user, system, softirq; others' work counts too, so only a
  quiet machine's figure means anything),

and prints each per request, in µs, with req/s, the workers restarted during the run and the
load average. A report, never a test.

    python bench/gunicorn_split.py --var-dir var/bench/articles-2000 --rounds 3

The data set is one bench/run.py built (`ARTICLES=2000 make bench`, or run.build_data).
"""

import argparse
import os
import resource
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import wrk  # noqa: E402
from cpu_split import cpu, workers  # noqa: E402
from run import anchor_server, gunicorn, probe, production_env  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")


def machine():
    """(user, system, softirq) CPU seconds of the whole machine, all cores."""
    fields = [int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice) / TICK, system / TICK, (irq + softirq) / TICK


def split(pid, children=False):
    """(user, system) CPU seconds of one process (plus its reaped children, when asked)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0, 0.0
    user, system = int(fields[11]), int(fields[12])
    if children:
        user, system = user + int(fields[13]), system + int(fields[14])
    return user / TICK, system / TICK


def gunicorn_cpu(master):
    """((user, system) of the workers, live and reaped, (user, system) of the master)."""
    own = split(master)
    reaped = [a - b for a, b in zip(split(master, children=True), own, strict=True)]
    live = [split(pid) for pid in workers(master)]
    return (
        (reaped[0] + sum(u for u, _ in live), reaped[1] + sum(s for _, s in live)),
        own,
    )


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measured(url, master, args):
    """wrk against `url`, with the CPU each party spent per request (µs)."""
    before_pids = set(workers(master))
    g0, m0 = gunicorn_cpu(master)
    w0, s0 = children_cpu(), machine()
    result = wrk.run(
        url, threads=args.threads, connections=args.connections, duration=args.duration
    )
    w1, s1 = children_cpu(), machine()
    g1, m1 = gunicorn_cpu(master)
    n = max(1, result["requests"])
    per = lambda seconds: round(seconds / n * 1e6, 1)  # noqa: E731
    return {
        "rps": result["requests_per_second"],
        "workers": per(g1[0] + g1[1] - g0[0] - g0[1]),
        "workers user": per(g1[0] - g0[0]),
        "workers system": per(g1[1] - g0[1]),
        "master": per(sum(m1) - sum(m0)),
        "wrk": per(w1 - w0),
        "machine user": per(s1[0] - s0[0]),
        "machine system": per(s1[1] - s0[1]),
        "machine softirq": per(s1[2] - s0[2]),
        "restarts": len(before_pids - set(workers(master))),
        "load": os.getloadavg()[0],
        "errors": result["non_2xx_3xx"] + result["socket_errors"],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, required=True)
    parser.add_argument("--duration", default="10s")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=None)
    parser.add_argument("--only", default="anchor,static,hit")
    args = parser.parse_args()
    args.worker_class = "sync"
    env = {**production_env(args.var_dir.resolve()), "NEWSROOM_PAGE_CACHE": "1"}
    pages = probe(env)
    log_path = args.var_dir / "gunicorn-split.log"
    rows = {name: [] for name in args.only.split(",")}
    with (
        open(log_path, "ab") as log,
        gunicorn(env, args, log) as (base, master),
        anchor_server(env, args, log) as (anchor_base, anchor_master),
    ):
        targets = {
            "anchor": (anchor_base + pages["static"]["url"], anchor_master),
            "static": (base + pages["static"]["url"], master),
            "hit": (base + pages["article"]["url"], master),
        }
        wrk.fetch_quietly(targets["hit"][0])
        for number in range(1, args.rounds + 1):
            for name in rows:
                url, pid = targets[name]
                row = measured(url, pid, args)
                rows[name].append(row)
                print(f"round {number} {name:6} " + line(row), flush=True)
    print("\nmedians (µs a request):")
    for name, found in rows.items():
        print(f"{name:6} " + line({k: statistics.median(r[k] for r in found) for k in found[0]}))
    print(f"(master pid {master} ran {cpu(master):.1f} s of CPU in all)")


def line(row):
    parts = [f"{row['rps']:7,.0f} req/s"]
    parts.append(
        f"workers {row['workers']:.0f} ({row['workers user']:.0f}+{row['workers system']:.0f})"
    )
    parts += [f"{k} {row[k]:.0f}" for k in ("master", "wrk")]
    parts.append(f"= {row['workers'] + row['master'] + row['wrk']:.0f}")
    parts += [f"{k} {row[k]:.0f}" for k in ("machine user", "machine system", "machine softirq")]
    parts.append(f"restarts {row['restarts']:.0f}, load {row['load']:.2f}")
    if row["errors"]:
        parts.append(f"errors {row['errors']:.0f}")
    return "; ".join(parts)


if __name__ == "__main__":
    main()
