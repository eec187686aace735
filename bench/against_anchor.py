"""Every page against the anchor: a bare Django + WhiteNoise app serving the same bytes.

Measured on the server run with the page cache on, beside a second gunicorn serving
bench/anchor (same gunicorn.conf.py, same workers), in ROUNDS rounds; each figure's ratio is
taken to the anchor measured at the start of its own round, and the report gives the
median of the rounds (a shared machine drifts within minutes).

- static: the article's static copy through our whole stack;
- hit: the article as an anonymous page-cache hit;
- logged-in: the article for a logged-in reader (their session; the shared shell filled);
- miss article / home / category: the page cache on and every request a new address (a
  parameter pages read, `comments_page`, with a value never sent before in any run), so
  each request builds its page, stores it and never reads it again, with fragments warm:
  a miss as it happens in production, beside the cold run's page-cache-off figures.
"""

import secrets
import statistics
from pathlib import Path

import wrk

ROUNDS = 3
# Each wrk thread numbers its own requests; the run's random prefix keeps every address new
# across runs too (the file cache outlives a run).
FRESH_ADDRESSES = """
local counter = 0
local thread_id = 0
local next_id = 0
function setup(thread) thread:set("thread_id", next_id); next_id = next_id + 1 end
function request()
  counter = counter + 1
  return wrk.format("GET", "{PATH}{JOIN}comments_page={PREFIX}" .. thread_id .. "0" .. counter)
end
"""
TARGETS = {"hit": 0.9, "miss article": 0.1, "miss home": 0.07, "miss category": 0.07}


def fresh_addresses(base, path, args, var_dir, name):
    script = Path(var_dir) / f"fresh-{name}.lua"
    join = "&" if "?" in path else "?"
    prefix = str(secrets.randbelow(9 * 10**5) + 10**5)
    script.write_text(
        FRESH_ADDRESSES.replace("{PATH}", path).replace("{JOIN}", join).replace("{PREFIX}", prefix)
    )
    return wrk.run(
        base + path,
        threads=args.threads,
        connections=args.connections,
        duration=args.duration,
        script=script,
    )


def run(env, args, base, anchor_base, pages, cookie):
    var_dir = env["DJANGO_VAR_DIR"]
    static, article = pages["static"]["url"], pages["article"]["url"]
    measure = lambda url, **kw: wrk.run(  # noqa: E731
        url, threads=args.threads, connections=args.connections, duration=args.duration, **kw
    )
    rounds = []
    for number in range(1, ROUNDS + 1):
        print(f"  against the anchor, round {number} of {ROUNDS}", flush=True)
        wrk.fetch_quietly(base + article)  # the hit is a hit
        found = {"anchor": measure(anchor_base + static)}
        found["static"] = measure(base + static)
        found["hit"] = measure(base + article)
        found["logged-in"] = measure(base + article, cookie=cookie)
        for name in ("article", "home", "category"):
            found[f"miss {name}"] = fresh_addresses(base, pages[name]["url"], args, var_dir, name)
        anchor = found["anchor"]["requests_per_second"] or 1
        for result in found.values():
            result["ratio"] = round(result["requests_per_second"] / anchor, 3)
        rounds.append(found)
    names = list(rounds[0])
    summary = {
        name: {
            "requests_per_second": statistics.median(
                r[name]["requests_per_second"] for r in rounds
            ),
            "ratio": statistics.median(r[name]["ratio"] for r in rounds),
            "ratios": [r[name]["ratio"] for r in rounds],
            "median_ms": statistics.median(r[name]["median_ms"] for r in rounds),
            "non_2xx_3xx": sum(r[name]["non_2xx_3xx"] for r in rounds),
            "socket_errors": sum(r[name]["socket_errors"] for r in rounds),
            "target": TARGETS.get(name),
        }
        for name in names
    }
    hit = summary["hit"]["ratio"] or 1
    summary["logged-in"]["of_hit"] = round(
        statistics.median(r["logged-in"]["ratio"] / (r["hit"]["ratio"] or 1) for r in rounds), 3
    )
    summary["logged-in"]["target_of_hit"] = 0.75
    return {"rounds": ROUNDS, "figures": summary, "hit_ratio_median": hit}


def table(found):
    if not found:
        return ""
    lines = [
        f"Against the anchor (bare Django + WhiteNoise, the same file), median of "
        f"{found['rounds']} rounds:",
        f"{'':16}{'req/s':>8}{'× anchor':>10}  {'rounds':<22}{'median ms':>10}  target",
    ]
    for name, figure in found["figures"].items():
        target = f">= {figure['target']}" if figure.get("target") else ""
        if name == "logged-in":
            target = f"{figure['of_hit']:.2f}× the hit (target >= {figure['target_of_hit']})"
        errors = figure["non_2xx_3xx"] + figure["socket_errors"]
        rounds = ", ".join(f"{ratio:.3f}" for ratio in figure["ratios"])
        lines.append(
            f"{name:16}{figure['requests_per_second']:>8,.0f}{figure['ratio']:>10.3f}  "
            f"{rounds:<22}{figure['median_ms']:>10.2f}  {target}"
            + (f"  ({errors} errors or non-2xx)" if errors else "")
        )
    return "\n".join(lines)
