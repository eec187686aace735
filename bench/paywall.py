"""The paywall in `make bench` (issue 28), measured on the server run with the cache on,
in ROUNDS rounds, each figure's ratio taken to its own round's reference (a shared
machine drifts within minutes); the report gives the median of the rounds.

- metered, anonymous: a metered article for anonymous readers (one cached page for all,
  the count kept in the browser) against the article's static copy; target >= 0.9;
- member, members-only: a member reading a members-only article (the shared shell with the
  gated part filled for them) against the anonymous cached article; target >= 0.6;
- teaser, anonymous: a non-member's teaser of that article against the static copy.

Both anonymous rows must be page-cache hits (X-Cache of one request, checked before each
round): a miss there is reported as such, not hidden in a ratio.
"""

import json
import statistics
import subprocess
import sys
import urllib.request
from pathlib import Path

import wrk

BASE_DIR = Path(__file__).resolve().parent.parent
ROUNDS = 3
TARGETS = {"metered, anonymous": 0.9, "member, members-only": 0.6}


def setup(env):
    result = Path(env["DJANGO_VAR_DIR"]) / "paywall.json"
    command = [sys.executable, "bench/paywall_setup.py", str(result)]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    return json.loads(result.read_text())


def cache_state(url):
    """X-Cache of one anonymous GET, after one to fill it."""
    wrk.fetch_quietly(url)
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.headers.get("X-Cache")


def run(env, args, base, pages):
    found = setup(env)
    static, article = base + pages["static"]["url"], base + pages["article"]["url"]
    metered, walled = base + found["metered"], base + found["walled"]
    measure = lambda url, **kw: wrk.run(  # noqa: E731
        url, threads=args.threads, connections=args.connections, duration=args.duration, **kw
    )
    rounds, states = [], {}
    for number in range(1, ROUNDS + 1):
        print(f"  paywall, round {number} of {ROUNDS}", flush=True)
        states = {"metered": cache_state(metered), "teaser": cache_state(walled)}
        wrk.fetch_quietly(article)
        one = {"static": measure(static), "anonymous article": measure(article)}
        one["metered, anonymous"] = measure(metered)
        one["member, members-only"] = measure(walled, cookie=found["member_cookie"])
        one["teaser, anonymous"] = measure(walled)
        reference = {
            "metered, anonymous": one["static"],
            "member, members-only": one["anonymous article"],
            "teaser, anonymous": one["static"],
        }
        for name, against in reference.items():
            one[name]["ratio"] = round(
                one[name]["requests_per_second"] / (against["requests_per_second"] or 1), 3
            )
        rounds.append(one)
    figures = {
        name: {
            "requests_per_second": statistics.median(
                r[name]["requests_per_second"] for r in rounds
            ),
            "ratio": statistics.median(r[name]["ratio"] for r in rounds),
            "ratios": [r[name]["ratio"] for r in rounds],
            "median_ms": statistics.median(r[name]["median_ms"] for r in rounds),
            "errors": sum(r[name]["non_2xx_3xx"] + r[name]["socket_errors"] for r in rounds),
            "target": TARGETS.get(name),
        }
        for name in ("metered, anonymous", "member, members-only", "teaser, anonymous")
    }
    return {"paywall": {"rounds": ROUNDS, "figures": figures, "cache": states}}


def table(scenarios):
    found = scenarios.get("paywall")
    if not found:
        return ""
    against = {
        "metered, anonymous": "× static",
        "member, members-only": "× anonymous hit",
        "teaser, anonymous": "× static",
    }
    lines = [
        f"Paywall, median of {found['rounds']} rounds (metered page: {found['cache']['metered']}, "
        f"teaser: {found['cache']['teaser']}; both should be hits):",
        f"{'':22}{'req/s':>8}{'ratio':>8}  {'of':<16}{'rounds':<22}{'median ms':>10}  target",
    ]
    for name, figure in found["figures"].items():
        target = f">= {figure['target']}" if figure["target"] else ""
        rounds = ", ".join(f"{ratio:.3f}" for ratio in figure["ratios"])
        lines.append(
            f"{name:22}{figure['requests_per_second']:>8,.0f}{figure['ratio']:>8.3f}  "
            f"{against[name]:<16}{rounds:<22}{figure['median_ms']:>10.2f}  {target}"
            + (f"  ({figure['errors']} errors or non-2xx)" if figure["errors"] else "")
        )
    return "\n".join(lines)
