"""The writing surface's speed, measured in Debian's Chromium against gunicorn: `make bench-editor`.

Two figures the editor is held to (a report, never a timed test):
- ready to type: from navigation start of the change form of the longest demo article, in a
  fresh browser context (cold cache), until a key typed then waits less than 50 ms, measured
  in the page: the later of the first task after the editor appears (a key typed as it
  appears is handled no sooner) and the end of the last long task (50 ms or more of the main
  thread) from then until the page's start is over (loaded, the admin's scripts started after
  it, then 1 s without a long task). With it: when the editor was drawn, the first byte, and
  the figure of the reports before 2026-12-06, when the harness hears the editor is there
  (Playwright's own round trips included: 300 to 800 ms on a loaded machine);
- a keystroke: for 200 characters typed at the end of a 5,000-word body, the time from the
  key's `keydown` until the main thread is free again after the editor has handled it (the
  work that keeps the next frame from being painted), as median, 95th percentile and maximum.
  Typed one at a time (a key every 50 ms, a fast typist's 240 words a minute: each key is
  measured alone), and back to back (as fast as the browser takes them: a key also waits
  behind the ones before it, so this measures the queue too; the only figures of the reports
  before 2026-12-06).
The machine's load average is written with the figures: on a shared machine it moves them.
`--against DIR` serves another checkout (a worktree of main) beside this one and loads their
change forms alternately, so both see the same load (no keystrokes).
Results go to bench/results/editor-<time>.md.
"""

import argparse
import json
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BASE_DIR, free_port, production_env, wait_until_ready  # noqa: E402

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EDITOR = ".nr-rich .ProseMirror[contenteditable='true']"
PASSWORD = secrets.token_urlsafe(12)
PACE = 0.05  # seconds between two keys typed one at a time
QUIET_MS = 1000  # no long task for this long: the page's start is over
GIVE_UP_MS = 15_000  # a page that never goes quiet is measured as it stands then

# Marks the moment the editor appears, before any other script of the page runs; then, in
# the page, when a key typed at that moment would have been handled (a message posted then
# runs once the task that drew the editor, and whatever was queued before it, is over), and
# every long task (50 ms or more of the main thread: a key typed during one waits for its end).
DRAWN_PROBE = f"""
const selector = {json.dumps(EDITOR)};
const longTasks = (window.__longTasks = []);
try {{
  new PerformanceObserver((list) => {{
    for (const task of list.getEntries()) {{
      longTasks.push([task.startTime, task.startTime + task.duration]);
    }}
  }}).observe({{ type: "longtask", buffered: true }});
}} catch (error) {{}}
let drawn = null, firstTask = null, lastLong = 0, adminScripts = false, loaded = false;
const QUIET = {QUIET_MS};
document.addEventListener("newsroom:admin-scripts", () => {{ adminScripts = true; }});
window.addEventListener("load", () => {{ loaded = true; }});
// The start is over once the window has loaded, the admin's scripts started after it (where
// the page has them) and the main thread has had no long task for QUIET ms.
window.__startOver = new Promise((resolve) => {{
  function check() {{
    for (const [, end] of longTasks) lastLong = Math.max(lastLong, end);
    const waiting = document.querySelector("script[data-after-ready]") && !adminScripts;
    const now = performance.now();
    if (firstTask !== null && loaded && !waiting && now - Math.max(lastLong, firstTask) >= QUIET
        || now > {GIVE_UP_MS}) {{
      const after = longTasks.filter(([, end]) => end > drawn);
      resolve({{
        drawn, firstTask,
        ready: Math.max(firstTask, ...after.map(([, end]) => end)),
        longTasks: after.length,
        longestTask: Math.max(0, ...after.map(([start, end]) => end - start)),
      }});
    }} else setTimeout(check, 100);
  }}
  new MutationObserver((changes, observer) => {{
    if (!document.querySelector(selector)) return;
    performance.mark("editor-drawn");
    drawn = performance.now();
    observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {{ firstTask = performance.now(); setTimeout(check, 100); }};
    channel.port2.postMessage(0);
  }}).observe(document, {{ subtree: true, childList: true, attributes: true }});
}});
"""

# Instruments every keystroke: keydown (capture, first of all listeners) to the end of the
# task that handled it, observed by a message posted after the input event.
KEYSTROKE_PROBE = """
() => {
  window.__keystrokes = [];
  let started = null;
  document.addEventListener("keydown", () => { started = performance.now(); }, true);
  document.addEventListener("input", () => {
    if (started === null) return;
    const t0 = started; started = null;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => window.__keystrokes.push(performance.now() - t0);
    channel.port2.postMessage(0);
  }, true);
}
"""


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--loads", type=int, default=5, help="cold loads of the change form")
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout (a worktree of main): both served side by side, their change "
        "forms loaded alternately, the keystrokes left out",
    )
    return parser.parse_args()


def prepare(env, words, tree=BASE_DIR):
    """The demo site, an editor who can log in, and one body of `words` words."""
    for args in (
        ("migrate", "--noinput"),
        ("seed_demo",),
        ("collectstatic", "--noinput"),
    ):
        command = [sys.executable, "manage.py", *args, "--verbosity", "0"]
        subprocess.run(command, cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)
    script = f"""
from accounts.models import User
from articles.models import Article
editor = User.objects.get(username="sofia")
editor.set_password({PASSWORD!r}); editor.save()
longest = max(Article.objects.all(), key=lambda a: len(a.body))
paragraph = " ".join(["The council met again on Tuesday to argue over the budget."] * 10)
long = Article.objects.exclude(pk=longest.pk).first()
Article.objects.filter(pk=long.pk).update(body="\\n\\n".join([paragraph] * ({words} // 100)))
print(longest.pk, long.pk)
"""
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=tree,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[-2]), int(out[-1])


@contextmanager
def served(tree, words):
    """`tree`'s demo site seeded in a directory of its own and served by gunicorn as `make
    run` serves it: yields (base address, longest article, long body)."""
    var_dir = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    env = production_env(var_dir)
    print(f"Seeding the demo site of {tree}...", flush=True)
    longest, long_body = prepare(env, words, tree)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}"]
    with open(var_dir / "gunicorn.log", "w") as log:
        server = subprocess.Popen(command, cwd=tree, env=env, stdout=log, stderr=log)
        try:
            wait_until_ready(base, server)
            yield base, longest, long_body
        finally:
            server.terminate()
            server.wait(timeout=30)
            shutil.rmtree(var_dir, ignore_errors=True)


def log_in(context, base):
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "sofia")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return context.storage_state()


# When the page's HTML came and ended, and when the editor's script had arrived.
NETWORK = """() => {
  const [page] = performance.getEntriesByType("navigation");
  const script = performance.getEntriesByType("resource")
    .find((entry) => /\\/editor\\.[^/]*js$/.test(entry.name));
  return {
    ttfb: page.responseStart, htmlEnd: page.responseEnd, script: script ? script.responseEnd : 0,
  };
}"""


def cold_load(browser, base, state, article_id):
    """Cold cache: a new context each time, logged in through its saved cookies only. The
    harness's figure is when Playwright, told the editor is there, asks the page the time
    (its own round trips included); the page's are DRAWN_PROBE's."""
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    page.add_init_script(DRAWN_PROBE)
    page.goto(f"{base}/admin/articles/article/{article_id}/change/", wait_until="commit")
    page.wait_for_selector(EDITOR)
    harness, in_page = page.evaluate("async () => [performance.now(), await window.__startOver]")
    network = page.evaluate(NETWORK)
    context.close()
    return {"harness": harness, **network, **in_page}


def keystrokes_ms(browser, base, state, article_id, keys, one_at_a_time):
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    page.goto(f"{base}/admin/articles/article/{article_id}/change/")
    editor = page.wait_for_selector(EDITOR)
    page.evaluate(KEYSTROKE_PROBE)
    editor.click()
    page.keyboard.press("Control+End")
    text = ("a quick note " * (keys // 13 + 1))[:keys]
    for char in text:
        page.keyboard.type(char)
        if one_at_a_time:
            time.sleep(PACE)  # not a wait in the page: polling it would run in its main thread
    page.wait_for_function(f"() => window.__keystrokes.length >= {keys}", timeout=30_000)
    timings = page.evaluate("() => window.__keystrokes")
    context.close()
    return timings


def launch(playwright):
    return playwright.chromium.launch(
        executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
        args=CHROMIUM_FLAGS,
    )


def main():
    args = arguments()
    if args.against:
        return compare(args)
    from playwright.sync_api import sync_playwright

    with (
        served(BASE_DIR, args.words) as (base, longest, long_body),
        sync_playwright() as playwright,
    ):
        browser = launch(playwright)
        state = log_in(browser.new_context(), base)
        load = os.getloadavg()[0]
        loads = [cold_load(browser, base, state, longest) for _ in range(args.loads)]
        alone = keystrokes_ms(browser, base, state, long_body, args.keys, True)
        queued = keystrokes_ms(browser, base, state, long_body, args.keys, False)
        load = max(load, os.getloadavg()[0])
        browser.close()
    report(loads, alone, queued, load, args)


def compare(args):
    """This tree and `--against` served side by side, loaded alternately (each load of one
    followed by one of the other, the first of each pair alternating): the same load on both."""
    from playwright.sync_api import sync_playwright

    trees = {"this tree": BASE_DIR, "against": args.against.resolve()}
    with ExitStack() as stack:
        sites = {
            name: stack.enter_context(served(tree, args.words)) for name, tree in trees.items()
        }
        with sync_playwright() as playwright:
            browser = launch(playwright)
            states = {
                name: log_in(browser.new_context(), base) for name, (base, _, _) in sites.items()
            }
            load = os.getloadavg()[0]
            loads = {name: [] for name in sites}
            for n in range(args.loads):
                for name in list(sites)[:: 1 if n % 2 == 0 else -1]:
                    base, longest, _ = sites[name]
                    loads[name].append(cold_load(browser, base, states[name], longest))
            load = max(load, os.getloadavg()[0])
            browser.close()
    compare_report(trees, loads, load)


def keystroke_rows(keys, words, how):
    keys = sorted(keys)
    p95 = keys[int(len(keys) * 0.95) - 1]
    return [
        f"| keystroke in a {words:,}-word body, {how}, median | "
        f"{statistics.median(keys):.1f} ms | < 16 ms |",
        f"| keystroke, {how}, 95th percentile | {p95:.1f} ms | < 16 ms |",
        f"| keystroke, {how}, slowest of {len(keys)} | {keys[-1]:.1f} ms | < 16 ms |",
    ]


LOAD_ROWS = [
    # (key, what, target)
    ("ready", "ready to type, in the page: a key typed then waits < 50 ms", "≤ 1,000 ms"),
    ("harness", "ready to type, as the harness sees it (the figure before 2026-12-06)", ""),
    ("firstTask", "first task after the editor is drawn", ""),
    ("drawn", "editor drawn", ""),
    ("script", "the editor's script arrived", ""),
    ("ttfb", "first byte of the change form", ""),
    ("afterHtml", "from the end of the page's HTML to the editor drawn", ""),
]


def median(loads, key):
    if key == "afterHtml":
        return statistics.median(load["drawn"] - load["htmlEnd"] for load in loads)
    return statistics.median(load[key] for load in loads)


def load_rows(loads):
    rows = [
        f"| {what}{'' if n else f', longest demo article (median of {len(loads)} cold loads)'} | "
        f"{median(loads, key):,.0f} ms | {target} |"
        for n, (key, what, target) in enumerate(LOAD_ROWS)
    ]
    return [
        *rows,
        f"| long tasks after the editor is drawn (longest), each load | {long_tasks(loads)} | |",
    ]


def write(text, when):
    print(text)
    results = BASE_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"editor-{when:%Y-%m-%dT%H%M%SZ}.md").write_text(text)


def report(loads, alone, queued, load, args):
    when = datetime.now(UTC)
    lines = [
        f"# Editor benchmark, {when:%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {os.cpu_count()} cores, load average up to {load:.1f} during the run; "
        "Chromium headless; gunicorn as `make run` serves.",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        *load_rows(loads),
        *keystroke_rows(alone, args.words, "one at a time"),
        *keystroke_rows(queued, args.words, "back to back"),
        "",
    ]
    write("\n".join(lines), when)


def compare_report(trees, loads, load):
    when = datetime.now(UTC)
    names = list(trees)
    lines = [
        f"# Editor benchmark, two trees loaded alternately, {when:%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {os.cpu_count()} cores, load average up to {load:.1f} during the run; "
        "Chromium headless; each tree served by its own gunicorn as `make run` serves.",
        *(f"{name}: `{tree}` at {commit(tree)}" for name, tree in trees.items()),
        "",
        f"| median of {len(loads[names[0]])} cold loads | {' | '.join(names)} |",
        "|---|---|---|",
        *(
            f"| {what} | " + " | ".join(f"{median(loads[n], key):,.0f} ms" for n in names) + " |"
            for key, what, _ in LOAD_ROWS
        ),
        "| from the editor drawn to ready to type | "
        + " | ".join(
            f"{statistics.median(x['ready'] - x['drawn'] for x in loads[n]):,.0f} ms" for n in names
        )
        + " |",
        "| long tasks after the editor is drawn (longest), each load | "
        + " | ".join(long_tasks(loads[n]) for n in names)
        + " |",
        "",
    ]
    write("\n".join(lines), when)


def long_tasks(loads):
    return ", ".join(f"{load['longTasks']} ({load['longestTask']:.0f} ms)" for load in loads)


def commit(tree):
    command = ["git", "-C", str(tree), "describe", "--always", "--dirty"]
    return subprocess.run(command, capture_output=True, text=True).stdout.strip()


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
