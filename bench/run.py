"""`make bench`: build a data set, serve it with production settings, measure it with wrk.

Two server runs on the same data: one with the page cache off (NEWSROOM_PAGE_CACHE=0), where
every request renders its page, so "cold" means cold for the whole run rather than for the
first request only; and one with it on, measured after one priming request ("warm"). Each
run also serves the article page's own HTML as a static file through WhiteNoise, the
ceiling every page is compared with. Beside the cached run, a bare Django + WhiteNoise app
(bench/anchor) serves the same file with the same gunicorn settings: the anchor the
figures of bench/against_anchor.py are taken to (`--anchor-only` measures just those).
The numbers are a report, never a test.
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import against_anchor  # noqa: E402
import busy  # noqa: E402
import busy_members  # noqa: E402
import live_coverage  # noqa: E402
import memory  # noqa: E402
import paywall  # noqa: E402
import report  # noqa: E402
import wrk  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
# Search last: a slow page ties up workers past its own run.
PAGES = ["home", "category", "article", "feed", "search"]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("ARTICLES", 10000)))
    # Ten comments an article, as seed_demo makes: 1,000,000 with ARTICLES=100000.
    parser.add_argument("--comments", type=int, default=os.environ.get("COMMENTS"))
    parser.add_argument("--duration", default=os.environ.get("BENCH_DURATION", "10s"))
    # The busy scenarios' writes keep a cadence (a comment every 0.5 s, a correction every
    # 4 s, the home front reordered every 30 s, the banner every 60 s, the first of each at
    # once): measured over less than one banner period, a run packs the day's rarer and
    # dearer writes (the banner refills every page) into a few seconds and reads low.
    parser.add_argument("--busy-duration", default=os.environ.get("BENCH_BUSY_DURATION", "60s"))
    parser.add_argument("--threads", type=int, default=int(os.environ.get("BENCH_THREADS", 2)))
    parser.add_argument(
        "--connections", type=int, default=int(os.environ.get("BENCH_CONNECTIONS", 16))
    )
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2)))
    parser.add_argument("--worker-class", default=os.environ.get("GUNICORN_WORKER_CLASS", "sync"))
    parser.add_argument(
        "--max-requests",
        type=int,
        default=None,
        help="override gunicorn.conf.py's worker recycling (0 turns it off)",
    )
    parser.add_argument("--var-dir", type=Path, default=None)
    parser.add_argument(
        "--reuse-data",
        action="store_true",
        help="use the data set already built in the var directory (each run works on a copy)",
    )
    parser.add_argument(
        "--anchor-only",
        action="store_true",
        help="only the figures against the bare Django + WhiteNoise anchor (against_anchor.py)",
    )
    return parser.parse_args()


def production_env(var_dir):
    """What production runs with, on loopback over plain http; DATABASE_URL/REDIS_URL pass."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_VAR_DIR=str(var_dir),
    )
    return env


def manage(env, *args, quiet=True):
    command = [sys.executable, "manage.py", *args]
    output = subprocess.DEVNULL if quiet else None
    subprocess.run(command, cwd=BASE_DIR, env=env, check=True, stdout=output)


def build_data(env, articles, comments):
    print(
        f"Building the data set: {articles} articles and {comments} comments "
        f"(kept in {env['DJANGO_VAR_DIR']})..."
    )
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(
        env,
        "seed_demo",
        "--articles",
        str(articles),
        "--comments",
        str(comments),
        "--verbosity",
        "0",
    )
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")


def working_copy(data_dir):
    """A fresh copy of the built data set for this run, its page cache empty: the scenarios
    write (comments approved, corrections, a home front laid out), so a data set reused as a
    run left it reads differently from run to run (the article grew from 28 to 45 KB over
    three runs), and cache entries a run left behind were culled at random in the next."""
    var_dir = data_dir.with_name(data_dir.name + "-run")
    shutil.rmtree(var_dir, ignore_errors=True)
    shutil.copytree(data_dir, var_dir, ignore=shutil.ignore_patterns("gunicorn.log"))
    shutil.rmtree(var_dir / "cache", ignore_errors=True)
    return var_dir


def probe(env):
    result = Path(env["DJANGO_VAR_DIR"]) / "probe.json"
    subprocess.run(
        [sys.executable, "bench/probe.py", str(result)], cwd=BASE_DIR, env=env, check=True
    )
    return json.loads(result.read_text())


def template_engines(env):
    """Django's engine against the Jinja2 port (bench/template_engines.py), or None when
    Jinja2 is not installed (the `bench` extra)."""
    result = Path(env["DJANGO_VAR_DIR"]) / "template_engines.json"
    result.unlink(missing_ok=True)
    print("Django templates against the Jinja2 port (bench/template_engines.py)...", flush=True)
    command = [sys.executable, "bench/template_engines.py", "--iterations", "100"]
    command += ["--requests", "20", "--json", str(result)]
    subprocess.run(command, cwd=BASE_DIR, env=env, check=False, stdout=subprocess.DEVNULL)
    return json.loads(result.read_text()) if result.exists() else None


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=20):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        response.read()
        return response.status


def wait_until_ready(base, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn exited with {process.returncode}; see its log above.")
        with suppress(OSError):
            if fetch(base + "/healthz") == 200:
                return
        time.sleep(0.1)
    sys.exit(f"gunicorn did not answer {base}/healthz within {timeout} s")


@contextmanager
def gunicorn(env, args, log):
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}", "--workers", str(args.workers)]
    command += ["--worker-class", args.worker_class]
    if args.max_requests is not None:
        command += ["--max-requests", str(args.max_requests)]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(base, process)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@contextmanager
def anchor_server(env, args, log):
    """bench/anchor under gunicorn, with our gunicorn.conf.py and as many workers."""
    port = free_port()
    anchor_env = {**env, "ANCHOR_STATIC_ROOT": str(Path(env["DJANGO_VAR_DIR"]) / "static")}
    anchor_env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--pythonpath", "bench", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(args.workers), "--worker-class", args.worker_class]
    command += ["anchor.wsgi:application"]
    process = subprocess.Popen(command, cwd=BASE_DIR, env=anchor_env, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while fetch_ignoring_errors(base + "/static/bench/article.html") != 200:
            if process.poll() is not None or time.monotonic() > deadline:
                sys.exit("The anchor app did not start; see the gunicorn log.")
            time.sleep(0.1)
        yield base, process.pid
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


def worker_peak_rss_mb(master_pid):
    """Peak resident memory (VmHWM) of each live worker of a gunicorn master."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    peaks = []
    for pid in children:
        with suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(round(int(line.split()[1]) / 1024, 1))
    return peaks


def measure(base, url, args):
    return wrk.run(
        base + url, threads=args.threads, connections=args.connections, duration=args.duration
    )


def cold_home_front(env, args, base, pages):
    """Issue 27: the home page as a curated front (a lead and four top stories), cold, against
    the static file just before it (target: at least 0.1×). The front is emptied afterwards,
    so the other rows stay comparable with earlier reports."""
    script = [sys.executable, "bench/scenario_fronts.py"]
    subprocess.run([*script, "--lay-out"], cwd=BASE_DIR, env=env, check=True)
    try:
        fetch_ignoring_errors(base + "/")
        static = measure(base, pages["static"]["url"], args)
        home = measure(base, "/", args)
    finally:
        subprocess.run([*script, "--clear"], cwd=BASE_DIR, env=env, check=True)
    return {
        "static_rps": static["requests_per_second"],
        "home": home,
        "ratio": round(home["requests_per_second"] / max(1, static["requests_per_second"]), 3),
    }


def cold_home_front_line(scenarios):
    found = scenarios.get("cold_home_front")
    if not found:
        return "cold home page with a curated front: not measured"
    met = "met" if found["ratio"] >= 0.1 else "not met"
    return (
        f"cold home page with a curated front: {found['home']['requests_per_second']:,.0f} req/s "
        f"against {found['static_rps']:,.0f} static, {found['ratio']:.3f}× (≥ 0.1 {met})"
    )


def run_server(env, args, pages, cached, log, scenarios=None, anchor_base=None):
    """One gunicorn run: every page, cache on or off, each right after the static ceiling.

    The static file is measured again before every page, and the page's ratio is taken to
    that run: on a shared machine the load drifts within minutes, and a ratio to a
    measurement taken long before would mostly measure the drift.
    """
    label = "warm" if cached else "cold"
    rows = []
    env = {**env, "NEWSROOM_PAGE_CACHE": "1" if cached else "0"}
    database = Path(env["DJANGO_VAR_DIR"]) / "db.sqlite3"
    with (
        gunicorn(env, args, log) as (base, master_pid),
        memory.sampling(master_pid, database) as sampler,
    ):
        for name in [] if args.anchor_only else PAGES:
            url = pages[name]["url"]
            fetch_ignoring_errors(base + url)  # load templates; on the cached run, fill it
            started = time.perf_counter()
            answered = fetch_ignoring_errors(base + url)
            single_ms = round((time.perf_counter() - started) * 1000, 2) if answered else None
            print(f"  {label:4} {name:8} {url}", flush=True)
            static = measure(base, pages["static"]["url"], args)
            result = measure(base, url, args)
            if not rows:
                rows.append(
                    {
                        "page": "static",
                        "mode": label,
                        "single_request_ms": None,
                        "static_rps": static["requests_per_second"],
                        **static,
                    }
                )
            row = {
                "page": name,
                "mode": label,
                "single_request_ms": single_ms,
                "static_rps": static["requests_per_second"],
                **result,
            }
            if name == "home" and cached and "static-home" in pages:
                same_size = measure(base, pages["static-home"]["url"], args)
                row["static_same_size_rps"] = same_size["requests_per_second"]
            rows.append(row)
        if not cached and scenarios is not None and not args.anchor_only:
            scenarios["cold_home_front"] = cold_home_front(env, args, base, pages)
        # On the warm server only: the cold one (page cache off) ran them too, and its
        # figures were overwritten by the warm run's (about 8 minutes of a run for nothing).
        if cached and scenarios is not None and not args.anchor_only:
            scenarios.update(busy.run(env, args, base, pages["static"]["url"]))
            scenarios.update(live_coverage.run(env, args, base, pages["static"]["url"]))
            scenarios.update(paywall.run(env, args, base, pages))
            scenarios.update(busy_members.run(env, args, base))
        if anchor_base is not None:
            cookie = busy.setup(env)[1]["cookie"]
            scenarios["against_anchor"] = against_anchor.run(
                env, args, base, anchor_base, pages, cookie
            )
        peaks = worker_peak_rss_mb(master_pid)
    return rows, peaks, sampler.result()


def fetch_ignoring_errors(url):
    try:
        return fetch(url)
    except OSError:
        return None


def main():
    args = arguments()
    wrk.ensure_wrk()
    data_dir = args.var_dir or BASE_DIR / "var" / "bench" / f"articles-{args.articles}"
    data_dir.mkdir(parents=True, exist_ok=True)
    args.comments = 10 * args.articles if args.comments is None else int(args.comments)
    if not (args.reuse_data and (data_dir / "db.sqlite3").exists()):
        build_data(production_env(data_dir), args.articles, args.comments)
    else:  # a data set kept from an older tree takes this tree's new migrations first
        manage(production_env(data_dir), "migrate", "--noinput", "--verbosity", "0")
    var_dir = working_copy(data_dir)
    env = production_env(var_dir)
    pages = probe(env)
    engines = None if args.anchor_only else template_engines(env)
    # Search at this archive's size, in process (bench/search_bench.py prints its table).
    search = var_dir / "search.json"
    search.unlink(missing_ok=True)
    if not args.anchor_only:
        command = [sys.executable, "bench/search_bench.py", "--var-dir", str(var_dir)]
        command += ["--articles", str(args.articles), "--json", str(search)]
        subprocess.run(command, cwd=BASE_DIR, env=env, check=False, stderr=subprocess.DEVNULL)
    print(
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}, {args.workers} "
        f"{args.worker_class} workers; gunicorn log in {var_dir / 'gunicorn.log'}"
    )
    scenarios = {}
    with open(var_dir / "gunicorn.log", "w") as log:
        cold, cold_peaks, cold_memory = (
            ([], [], None)
            if args.anchor_only
            else run_server(env, args, pages, cached=False, log=log, scenarios=scenarios)
        )
        with anchor_server(env, args, log) as (anchor_base, _anchor_master):
            warm, warm_peaks, warm_memory = run_server(
                env, args, pages, cached=True, log=log, scenarios=scenarios, anchor_base=anchor_base
            )
    results = report.build(
        args=args,
        pages=pages,
        rows=cold + warm,
        rss={"cold": cold_peaks, "warm": warm_peaks},
        memory={"cold": cold_memory, "warm": warm_memory},
    )
    results["scenarios"] = scenarios
    results["template_engines"] = engines
    results["search"] = json.loads(search.read_text()) if search.exists() else None
    print(report.table(results))
    print("\n".join(report.same_size_lines(results)))
    print(report.memory_text(results))
    if not args.anchor_only:
        print(busy.table(scenarios))
        print(cold_home_front_line(scenarios))
        print(live_coverage.table(scenarios))
        print(paywall.table(scenarios))
        print(busy_members.table(scenarios))
    print(against_anchor.table(scenarios.get("against_anchor")))
    for path in report.write(results, BASE_DIR / "bench" / "results"):
        print(f"Written: {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
