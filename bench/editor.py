"""The writing surface's speed, measured in Debian's Chromium against gunicorn: `make bench-editor`.

Two figures the editor is held to (a report, never a timed test):
- ready to type: from navigation start of the change form of the longest demo article, in a
  fresh browser context (cold cache), until the rich editor accepts input (the page answers
  once the editor is there: what ran after it still counts); with it, when the editor was
  drawn (a mark set by a MutationObserver the moment it appears);
- a keystroke: for 200 characters typed at the end of a 5,000-word body, the time from the
  key's `keydown` until the main thread is free again after the editor has handled it (the
  work that keeps the next frame from being painted), as median, 95th percentile and maximum.
  Typed one at a time (a key every 50 ms, a fast typist's 240 words a minute: each key is
  measured alone), and back to back (as fast as the browser takes them: a key also waits
  behind the ones before it, so this measures the queue too; the only figures of the reports
  before 2026-12-06).
The machine's load average is written with the figures: on a shared machine it moves them.
Results go to bench/results/editor-<time>.md.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import BASE_DIR, free_port, manage, production_env, wait_until_ready  # noqa: E402

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

# Marks the moment the editor appears, before any other script of the page runs.
DRAWN_PROBE = f"""
const selector = {json.dumps(EDITOR)};
new MutationObserver((changes, observer) => {{
  if (!document.querySelector(selector)) return;
  performance.mark("editor-drawn");
  observer.disconnect();
}}).observe(document, {{ subtree: true, childList: true, attributes: true }});
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
    return parser.parse_args()


def prepare(env, words):
    """The demo site, an editor who can log in, and one body of `words` words."""
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "seed_demo", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
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
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return int(out[-2]), int(out[-1])


def log_in(context, base):
    page = context.new_page()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", "sofia")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{base}/admin/")
    return context.storage_state()


def ready_ms(browser, base, state, article_id):
    """Cold cache: a new context each time, logged in through its saved cookies only."""
    context = browser.new_context(storage_state=state)
    page = context.new_page()
    page.add_init_script(DRAWN_PROBE)
    page.goto(f"{base}/admin/articles/article/{article_id}/change/", wait_until="commit")
    page.wait_for_selector(EDITOR)
    ms, drawn = page.evaluate(
        "() => [performance.now(), performance.getEntriesByName('editor-drawn')[0].startTime]"
    )
    context.close()
    return ms, drawn


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


def main():
    args = arguments()
    from playwright.sync_api import sync_playwright

    var_dir = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    env = production_env(var_dir)
    print("Seeding the demo site...", flush=True)
    longest, long_body = prepare(env, args.words)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
    command += ["--bind", f"127.0.0.1:{port}"]
    with open(var_dir / "gunicorn.log", "w") as log:
        server = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log, stderr=log)
        try:
            wait_until_ready(base, server)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                    args=CHROMIUM_FLAGS,
                )
                state = log_in(browser.new_context(), base)
                load = os.getloadavg()[0]
                ready = [ready_ms(browser, base, state, longest) for _ in range(5)]
                alone = keystrokes_ms(browser, base, state, long_body, args.keys, True)
                queued = keystrokes_ms(browser, base, state, long_body, args.keys, False)
                load = max(load, os.getloadavg()[0])
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    report(ready, alone, queued, load, args)


def keystroke_rows(keys, words, how):
    keys = sorted(keys)
    p95 = keys[int(len(keys) * 0.95) - 1]
    return [
        f"| keystroke in a {words:,}-word body, {how}, median | "
        f"{statistics.median(keys):.1f} ms | < 16 ms |",
        f"| keystroke, {how}, 95th percentile | {p95:.1f} ms | < 16 ms |",
        f"| keystroke, {how}, slowest of {len(keys)} | {keys[-1]:.1f} ms | < 16 ms |",
    ]


def report(ready, alone, queued, load, args):
    when = datetime.now(UTC)
    lines = [
        f"# Editor benchmark, {when:%Y-%m-%d %H:%M} UTC",
        "",
        f"Machine: {os.cpu_count()} cores, load average up to {load:.1f} during the run; "
        "Chromium headless; gunicorn as `make run` serves.",
        "",
        "| measure | figure | target |",
        "|---|---|---|",
        f"| ready to type, longest demo article (median of {len(ready)} cold loads) | "
        f"{statistics.median(ms for ms, _ in ready):.0f} ms | ≤ 1,000 ms |",
        f"| of which: editor drawn | {statistics.median(drawn for _, drawn in ready):.0f} ms | |",
        *keystroke_rows(alone, args.words, "one at a time"),
        *keystroke_rows(queued, args.words, "back to back"),
        "",
    ]
    text = "\n".join(lines)
    print(text)
    results = BASE_DIR / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"editor-{when:%Y-%m-%dT%H%M%SZ}.md").write_text(text)
    return text


if __name__ == "__main__":
    started = time.monotonic()
    main()
    print(f"({time.monotonic() - started:.0f} s)")
