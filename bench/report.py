"""The benchmark's results: the machine and versions, a table, JSON and Markdown files."""

import json
import os
import platform
import subprocess
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

PACKAGES = ["Django", "gunicorn", "whitenoise", "psycopg", "redis"]
COLUMNS = [
    ("page", "page", "{}"),
    ("mode", "cache", "{}"),
    ("requests_per_second", "req/s", "{:,.0f}"),
    ("ratio", "× static", "{:.2f}"),
    ("median_ms", "median ms", "{:.2f}"),
    ("p99_ms", "p99 ms", "{:.2f}"),
    ("non_2xx", "non-2xx", "{}"),
    ("socket_errors", "errors", "{}"),
    ("queries", "queries", "{}"),
    ("bytes", "bytes", "{:,}"),
]


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
    }


def versions():
    found = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except Exception:  # noqa: BLE001 - a missing optional package is reported, not fatal
            found[package] = None
    wrk = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    found["wrk"] = (wrk.stdout or wrk.stderr).split("[")[0].strip()
    return found


def build(*, args, pages, rows, rss, memory=None):
    for row in rows:
        page = pages[row["page"]]
        base = row["static_rps"]
        row["ratio"] = round(row["requests_per_second"] / base, 3) if base else None
        row["status"] = page["status"]
        # wrk counts only non-2xx/3xx; a page the probe saw answer 3xx is all non-2xx.
        row["non_2xx"] = row["non_2xx_3xx"] + (
            row["requests"] if 300 <= page["status"] < 400 else 0
        )
        row["queries"] = 0 if row["mode"] == "warm" else page["queries"]
        row["bytes"] = page["bytes"]
        row["url"] = page["url"]
    return {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "versions": versions(),
        "settings": {
            "articles": args.articles,
            "comments": args.comments,
            "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration} --latency",
            "busy": f"wrk -d{args.busy_duration} for the quiet, busy and staff runs",
            "gunicorn": f"{args.workers} {args.worker_class} workers, gunicorn.conf.py"
            + ("" if args.max_requests is None else f", --max-requests {args.max_requests}"),
            "database": "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite (WAL)",
            "cache": "Redis" if os.environ.get("REDIS_URL") else "FileBasedCache",
            "django": "DEBUG off, DJANGO_HTTPS=0, production settings",
            "cold": "NEWSROOM_PAGE_CACHE=0: every request renders the page",
            "warm": "page cache on, primed by one request",
            "ratio": "to the static file measured just before the page, on the same server",
        },
        "worker_peak_rss_mb": rss,
        # The measure held to the target: PSS (bench/memory.py says why).
        "memory": memory,
        "results": rows,
    }


def table(results, markdown=False):
    header = [title for _, title, _ in COLUMNS]
    lines = [
        [fmt.format(row[key]) if row[key] is not None else "–" for key, _, fmt in COLUMNS]
        for row in results["results"]
    ]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(line) + " |" for line in lines]
        return "\n".join(out)
    widths = [max(len(cell) for cell in column) for column in zip(header, *lines, strict=True)]
    render = lambda cells: "  ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True))  # noqa: E731
    return "\n".join([render(header), *(render(line) for line in lines)])


def markdown(results):
    m, s = results["machine"], results["settings"]
    versions = ", ".join(f"{name} {v}" for name, v in results["versions"].items() if v)
    rss = results["worker_peak_rss_mb"]
    return "\n".join(
        [
            f"# Benchmark {results['when']}",
            "",
            f"- Machine: {m['cores']} cores, {m['memory_gb']} GB, {m['cpu']}, Linux {m['kernel']}",
            f"- Versions: {versions}",
            *(f"- {name}: {value}" for name, value in s.items()),
            f"- Peak RSS per gunicorn worker (MB): cold run {rss['cold']}, warm run {rss['warm']}",
            *(f"- {line}" for line in memory_text(results).splitlines()),
            "",
            table(results, markdown=True),
            "",
            *same_size_lines(results),
            *(
                [
                    "## Busy day, logged-in readers, live coverage, against the anchor",
                    "",
                    "```",
                    scenarios_text(results),
                    "```",
                    "",
                ]
                if results.get("scenarios")
                else []
            ),
            *(
                [
                    "## Django templates against Jinja2 (bench/template_engines.py)",
                    "",
                    results["template_engines"]["markdown"],
                    "",
                ]
                if results.get("template_engines")
                else []
            ),
        ]
    )


def same_size_lines(results):
    """The warm home page against a static copy of itself: what its bytes cost, apart."""
    lines = []
    for row in results["results"]:
        if row.get("static_same_size_rps"):
            ratio = row["requests_per_second"] / row["static_same_size_rps"]
            lines.append(
                f"{row['page']} ({row['mode']}) against a static copy of itself "
                f"({row['bytes']:,} bytes): {row['static_same_size_rps']:,.0f} req/s, "
                f"{ratio:.2f}×"
            )
    return [*lines, ""] if lines else []


def memory_text(results):
    from memory import describe

    found = results.get("memory") or {}
    return "\n".join(f"Memory, {run} run: {describe(found[run])}" for run in found if found[run])


def scenarios_text(results):
    import against_anchor
    import busy
    import busy_members
    import live_coverage
    import paywall

    found = results["scenarios"]
    tables = (
        busy.table(found) if "busy" in found else "",
        live_coverage.table(found) if "busy" in found else "",
        paywall.table(found),
        busy_members.table(found),
        against_anchor.table(found.get("against_anchor")),
    )
    return "\n".join(table for table in tables if table)


def write(results, directory):
    directory.mkdir(parents=True, exist_ok=True)
    stamp = results["when"].replace(":", "").replace("+0000", "Z")
    stem = directory / f"bench-{stamp}-{results['settings']['articles']}"
    json_path, md_path = stem.with_suffix(".json"), stem.with_suffix(".md")
    json_path.write_text(json.dumps(results, indent=2))
    md_path.write_text(markdown(results))
    return [json_path, md_path]
