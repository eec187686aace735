"""One Lighthouse run, and the rule for retrying it: a run the tool itself broke
("NO_NAVSTART", "Something went wrong with recording the trace") is retried at most four times and
says so; a run that finished with low scores is a result, never retried."""

import json
import os
import subprocess
import time
import warnings
from pathlib import Path

from tests.browser.conftest import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS

LIGHTHOUSE = Path(__file__).resolve().parents[1] / "lighthouse/node_modules/.bin/lighthouse"
REPORTS = SCREENSHOTS.parent / "lighthouse"
RETRIES = 4


class LighthouseErrored(Exception):
    """The tool failed to measure the page; the page itself was not judged."""


class LighthouseRetried(UserWarning):
    pass


def once_the_machine_is_free():
    """make test-browser starts Lighthouse's test beside the browser leg, so its start, its
    database and its demo are made meanwhile (half a minute alone after the leg before);
    the pages are scored only once the leg is over (a busy machine lowers the performance
    score): the Makefile then writes the file named by LIGHTHOUSE_AFTER. Run by hand, with
    no such file named, it scores at once. If the recipe's shell dies first, so does this.
    Returns the seconds waited (None: not asked to wait)."""
    flag = os.environ.get("LIGHTHOUSE_AFTER")
    if not flag:
        return None
    parent, started = os.getppid(), time.monotonic()
    while not Path(flag).exists():
        if os.getppid() != parent:
            raise RuntimeError(f"{flag} never came: whatever was to write it has gone")
        time.sleep(0.1)
    return time.monotonic() - started


def lighthouse(url, name):
    """Scores by category and the failing binary audits of `url`, retrying a broken run."""
    return with_retries(lambda: lighthouse_once(url, name), what=name)


def with_retries(run, *, what, retries=RETRIES):
    for attempt in range(1, retries + 1):
        try:
            return run()
        except LighthouseErrored as error:
            say(f"Lighthouse errored on {what} ({error}); retry {attempt} of {retries}")
    try:
        return run()
    except LighthouseErrored as error:
        raise LighthouseErrored(
            f"{what}: {error} (the run and {retries} retries errored)"
        ) from error


def say(message):
    # Printed for a failing test's captured output, and a warning for a passing run's summary.
    print(message)
    warnings.warn(message, LighthouseRetried, stacklevel=2)


def lighthouse_once(url, name):
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name}.json"
    report.unlink(missing_ok=True)
    command = [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}"]
    command.append(f"--chrome-flags={' '.join(CHROMIUM_FLAGS)}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        finished = subprocess.run(command, env=env, timeout=120, capture_output=True, text=True)
    except subprocess.TimeoutExpired as error:
        raise LighthouseErrored("no report within 120 s") from error
    return read_report(report, finished.returncode, finished.stderr)


def read_report(report, returncode=0, stderr=""):
    """(scores, failing audits) from a report; LighthouseErrored if the run did not score."""
    try:
        data = json.loads(report.read_text())
    except (OSError, ValueError) as error:
        raise LighthouseErrored(f"exit {returncode}, no report: {stderr.strip()[-500:]}") from error
    if data.get("runtimeError"):
        failure = data["runtimeError"]
        raise LighthouseErrored(f"{failure.get('code')}: {failure.get('message')}")
    scores = {key: category["score"] for key, category in data["categories"].items()}
    if returncode != 0 or None in scores.values():
        raise LighthouseErrored(f"exit {returncode}, unscored categories in {scores}")
    failing = [
        f"{key}: {audit['title']}"
        for key, audit in data["audits"].items()
        if audit.get("scoreDisplayMode") == "binary" and audit.get("score") == 0
    ]
    return scores, failing
