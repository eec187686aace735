"""Busy day: where the CPU went. CPU seconds per process for the busy scenario's variants.

Requests/s on a shared 2-core machine swing with everyone else's load; the CPU seconds each
process spent do not. So this runs bench/busy.py's readers (wrk over the 74 pages) on one
gunicorn with the page cache on, once per variant, and reads utime+stime from
/proc/<pid>/stat before and after each run of:

- the gunicorn workers (and any the master reaped meanwhile, through its cutime/cstime),
- the gunicorn master,
- wrk (the readers' own client),
- the writer (bench/scenario_writer.py) and the fronts editor (bench/scenario_fronts.py),
  counted from their "ready", so Django's start is left out,
- with --jobs-worker, `manage.py jobs_worker` (bench/run.py starts none: jobs wait).

Variants: quiet, busy (writer + fronts editor, as `make bench`), writer (no fronts
editor), fronts (no writer). They alternate, --rounds times. Printed per variant: req/s,
hit ratio, and the CPU seconds of each process; also the workers' CPU per 1,000 requests
(what a reader's request costs; it rises when writes make the workers do more per
request) and the page-cache misses by path (from the request log: misses are always logged).

    python bench/cpu_split.py --var-dir /tmp/bench-copy --duration 20s --rounds 2

Use a copy of a built data set (`cp -a var/bench/articles-10000 /tmp/bench-copy`): the
scenarios write.
"""

import argparse
import collections
import json
import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import busy
import wrk
from run import gunicorn, production_env

BASE_DIR = Path(__file__).resolve().parent.parent
TICK = os.sysconf("SC_CLK_TCK")
VARIANTS = {
    "quiet": (),
    "busy": ("writer", "fronts"),
    "writer": ("writer",),
    "fronts": ("fronts",),
}
SIDE = {"writer": "bench/scenario_writer.py", "fronts": "bench/scenario_fronts.py"}


def cpu(pid, children=False):
    """CPU seconds of one process (plus the children it has reaped, when asked)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except FileNotFoundError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12])  # utime, stime
    if children:
        ticks += int(fields[13]) + int(fields[14])  # cutime, cstime
    return ticks / TICK


def workers(master):
    found = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in found]


def gunicorn_cpu(master):
    """(workers, master): live workers plus those reaped (the master's children times)."""
    reaped = cpu(master, children=True) - cpu(master)
    return sum(cpu(pid) for pid in workers(master)) + reaped, cpu(master)


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def misses_by_path(log, start):
    """Page-cache misses logged since `start` (a byte offset): every miss is logged."""
    with open(log, "rb") as f:
        f.seek(start)
        text = f.read().decode(errors="replace")
    counts = collections.Counter()
    for line in text.splitlines():
        if "sampled" in line or "1 of" in line:
            continue
        match = re.search(r"GET (\S+) 200", line)
        if match:
            counts[match.group(1)] += 1
    return counts


def run_variant(name, env, args, base, master, setup_file, paths, worker_pid, log):
    side = {}
    for who in VARIANTS[name]:
        command = [sys.executable, SIDE[who], base, str(setup_file)]
        side[who] = subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        )
        side[who].stdout.readline()  # "ready"
    side_start = {who: cpu(p.pid) for who, p in side.items()}
    jobs_start = cpu(worker_pid) if worker_pid else 0.0
    g_start, m_start = gunicorn_cpu(master)
    wrk_start = children_cpu()
    log_start = Path(log).stat().st_size
    result = busy.spread(base, paths, args, env["DJANGO_VAR_DIR"])
    wrk_cpu = children_cpu() - wrk_start
    g_end, m_end = gunicorn_cpu(master)
    row = {
        "variant": name,
        "rps": result["requests_per_second"],
        "hit_ratio": result["hit_ratio"],
        "requests": result.get("requests") or 0,
        "cpu_s": {
            "workers": round(g_end - g_start, 2),
            "master": round(m_end - m_start, 2),
            "wrk": round(wrk_cpu, 2),
        },
    }
    for who, process in side.items():
        row["cpu_s"][who] = round(cpu(process.pid) - side_start[who], 2)
    if worker_pid:
        row["cpu_s"]["jobs_worker"] = round(cpu(worker_pid) - jobs_start, 2)
    for process in side.values():
        process.send_signal(signal.SIGTERM)
    for process in side.values():
        process.communicate(timeout=120)
    row["misses"] = dict(misses_by_path(log, log_start).most_common(12))
    return row


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--var-dir", type=Path, required=True)
    parser.add_argument("--duration", default="20s")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--variants", default="quiet,busy,writer,fronts")
    parser.add_argument("--jobs-worker", action="store_true")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    args.worker_class, args.max_requests = "sync", None
    env = {**production_env(args.var_dir.resolve()), "NEWSROOM_PAGE_CACHE": "1"}
    log_path = args.var_dir / "gunicorn-cpu.log"
    rows = []
    with open(log_path, "ab") as log, gunicorn(env, args, log) as (base, master):
        setup_file, scenario = busy.setup(env)
        paths = scenario["paths"]
        command = [sys.executable, "bench/scenario_fronts.py", "--lay-out-for", str(setup_file)]
        subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
        for path in paths:
            wrk.fetch_quietly(base + path)
        jobs = None
        if args.jobs_worker:
            command = [sys.executable, "manage.py", "jobs_worker"]
            jobs = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
            time.sleep(3)
        try:
            for round_ in range(args.rounds):
                for name in args.variants.split(","):
                    row = run_variant(
                        name,
                        env,
                        args,
                        base,
                        master,
                        setup_file,
                        paths,
                        jobs.pid if jobs else None,
                        log_path,
                    )
                    row["round"] = round_ + 1
                    rows.append(row)
                    print(line(row), flush=True)
        finally:
            if jobs:
                jobs.send_signal(signal.SIGTERM)
                jobs.wait(timeout=60)
    print()
    print(summary(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


def line(row):
    c = row["cpu_s"]
    per_k = 1000 * c["workers"] / max(1, row["requests"])
    parts = ", ".join(f"{k} {v:.2f}" for k, v in c.items())
    top = ", ".join(f"{p} {n}" for p, n in list(row["misses"].items())[:6])
    return (
        f"round {row['round']} {row['variant']:6} {row['rps']:7,.0f} req/s hits "
        f"{row['hit_ratio']:.2%}; CPU s: {parts}; workers {per_k:.2f} s/1k req; "
        f"misses: {sum(row['misses'].values())} ({top})"
    )


def summary(rows):
    """Per variant, the median over rounds of each figure."""
    out = ["busy: where the CPU went (medians over rounds; CPU seconds per run)"]
    for name in dict.fromkeys(r["variant"] for r in rows):
        mine = [r for r in rows if r["variant"] == name]

        def med(values):
            values = sorted(values)
            return values[len(values) // 2]

        cpu_s = {k: med([r["cpu_s"][k] for r in mine]) for k in mine[0]["cpu_s"]}
        per_k = med([1000 * r["cpu_s"]["workers"] / max(1, r["requests"]) for r in mine])
        out.append(
            f"  {name:6} {med([r['rps'] for r in mine]):7,.0f} req/s, hits "
            f"{med([r['hit_ratio'] for r in mine]):.2%}, workers {per_k:.2f} CPU s/1k req; "
            + ", ".join(f"{k} {v:.2f}" for k, v in cpu_s.items())
        )
    return "\n".join(out)


if __name__ == "__main__":
    main()
