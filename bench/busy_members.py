"""The busy day with members, in `make bench`: a third of the readers' requests come from
logged-in members (MEMBERS of them, bench/members_setup.py, sessions made there as the
busy day's logged-in reader's are) reading ten members-only and ten metered articles; the
other two thirds are anonymous readers spread over the busy day's pages (home, every
category, sixty articles) and the same twenty stories' shared pages (a teaser with the
offer, a metered page). Measured quiet, then while bench/scenario_writer.py and
bench/scenario_fronts.py write as in the busy day (bench/busy.py); busy/quiet is the
figure, target >= 0.85.

Counted per response: anonymous page-cache hits and misses, and members' pages (served
as someone's, never from the shared cache) and how many of them held the story's text
(`.article__gated`: the part past the wall filled for the member, or the metered body).

Alone, for a smoke run on a data set built by `make bench` or here:
    python bench/busy_members.py --articles 200 --duration 3s
and with BENCH_MEMBERS_EVERY=0 the same without members, to compare under the same load.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import busy
import wrk

BASE_DIR = Path(__file__).resolve().parent.parent
TARGET = 0.85
# Every EVERY-th request is a member's (3: a third). BENCH_MEMBERS_EVERY=0 runs the same
# pages with anonymous readers alone, to compare under the same load.
EVERY = int(os.environ.get("BENCH_MEMBERS_EVERY", 3))

MIXED = """
local anonymous = {ANONYMOUS}
local stories = {STORIES}
local cookies = {COOKIES}
local EVERY = {EVERY}
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  hits = 0; misses = 0; personal = 0; full = 0
  n = math.random(3); a = math.random(#anonymous); s = math.random(#stories)
  c = math.random(#cookies)
end
function request()
  n = n + 1
  if EVERY > 0 and n % EVERY == 0 then
    s = s % #stories + 1; c = c % #cookies + 1
    return wrk.format("GET", stories[s], {["Cookie"] = cookies[c]})
  end
  a = a % #anonymous + 1
  return wrk.format("GET", anonymous[a])
end
function response(status, headers, body)
  local state = headers["X-Cache"]
  if state == "hit" then hits = hits + 1
  elseif state == "miss" then misses = misses + 1
  else
    personal = personal + 1
    if string.find(body, 'class="article__gated"', 1, true) then full = full + 1 end
  end
end
function done(summary, latency, requests)
  local h, m, p, f = 0, 0, 0, 0
  for _, t in ipairs(threads) do
    h = h + t:get("hits"); m = m + t:get("misses")
    p = p + t:get("personal"); f = f + t:get("full")
  end
  io.write(string.format("MEMBERS hits=%d misses=%d personal=%d full=%d\\n", h, m, p, f))
end
"""


def lua_list(values):
    return "{" + ",".join(json.dumps(v) for v in values) + "}"


def setup(env):
    result = Path(env["DJANGO_VAR_DIR"]) / "members.json"
    command = [sys.executable, "bench/members_setup.py", str(result)]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True)
    return json.loads(result.read_text())


def mixed(base, anonymous, members, args, var_dir):
    script = Path(var_dir) / "busy_members.lua"
    stories = members["walled"] + members["metered"]
    script.write_text(
        MIXED.replace("{ANONYMOUS}", lua_list(anonymous))
        .replace("{STORIES}", lua_list(stories))
        .replace("{COOKIES}", lua_list(members["cookies"]))
        .replace("{EVERY}", str(EVERY))
    )
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}"]
    command += ["--latency", "-s", str(script), base]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    result = wrk.parse(output)
    counts = output.split("MEMBERS ")[1].split()
    found = {k: int(v) for k, v in (pair.split("=") for pair in counts)}
    result.update(found)
    result["hit_ratio"] = round(found["hits"] / max(1, found["hits"] + found["misses"]), 4)
    total = found["hits"] + found["misses"] + found["personal"]
    result["member_share"] = round(found["personal"] / max(1, total), 3)
    return result


def run(env, args, base):
    setup_file, scenario = busy.setup(env)
    members = setup(env)
    anonymous = scenario["paths"] + members["walled"] + members["metered"]
    for path in anonymous:  # fill the cache, as a site that has been up a while
        wrk.fetch_quietly(base + path)
    print(
        f"  busy with members: {len(anonymous)} pages, a third of requests from "
        f"{len(members['cookies'])} members; quiet, then with writes",
        flush=True,
    )
    var_dir = env["DJANGO_VAR_DIR"]
    readers = lambda: mixed(base, anonymous, members, args, var_dir)  # noqa: E731
    quiet = readers()
    with_writes = busy.with_fronts(
        env, base, setup_file, lambda: busy.with_writer(env, base, setup_file, readers)
    )
    ratio = round(with_writes["requests_per_second"] / max(1, quiet["requests_per_second"]), 3)
    return {
        "busy_members": {
            "pages": len(anonymous),
            "members": len(members["cookies"]),
            "quiet": quiet,
            "busy": with_writes,
            "busy_over_quiet": ratio,
            "target": TARGET,
        }
    }


def table(scenarios):
    found = scenarios.get("busy_members")
    if not found:
        return ""
    quiet, loaded = found["quiet"], found["busy"]
    met = "met" if found["busy_over_quiet"] >= found["target"] else "not met"

    def line(name, run):
        return (
            f"  {name}: {run['requests_per_second']:,.0f} req/s, members' share "
            f"{run['member_share']:.0%} ({run['personal']} pages, {run['full']} with the text), "
            f"anonymous hits {run['hit_ratio']:.1%}, median {run['median_ms']:.1f} ms"
            + (f", {run['non_2xx_3xx']} non-2xx" if run["non_2xx_3xx"] else "")
        )

    return "\n".join(
        [
            f"busy with members ({found['members']} members, {found['pages']} pages): "
            f"busy/quiet {found['busy_over_quiet']:.2f} (>= {found['target']} {met})",
            line("quiet", quiet),
            line("with writes", loaded),
        ]
    )


def main():
    """A run of this scenario alone, on its own gunicorn with the page cache on."""
    import run as bench

    args = bench.arguments()
    wrk.ensure_wrk()
    var_dir = args.var_dir or BASE_DIR / "var" / "bench" / f"articles-{args.articles}"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = bench.production_env(var_dir)
    args.comments = 10 * args.articles if args.comments is None else int(args.comments)
    if not (args.reuse_data and (var_dir / "db.sqlite3").exists()):
        bench.build_data(env, args.articles, args.comments)
    env = {**env, "NEWSROOM_PAGE_CACHE": "1"}
    with open(var_dir / "gunicorn.log", "w") as log, bench.gunicorn(env, args, log) as (base, _):
        scenarios = run(env, args, base)
    print(table(scenarios))
    print(json.dumps(scenarios["busy_members"], indent=1))


if __name__ == "__main__":
    main()
