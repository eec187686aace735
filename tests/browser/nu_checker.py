"""The Nu HTML checker (vnu.jar from npm, run on Debian's Java) as one long-lived local server.

One JVM start costs about ten seconds; each page checked after that costs milliseconds.
"""

import contextlib
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.pgserver import free_port

JAR = Path(__file__).resolve().parents[1] / "htmlcheck/node_modules/vnu-jar/build/dist/vnu.jar"
INSTALL = (
    "run `npm install --prefix tests/htmlcheck` (make test-browser does)"
    " and `apt-get install default-jre-headless` (make system-deps does)"
)


class NuChecker:
    def __init__(self, url):
        self.url = url

    def errors(self, html):
        """Every error the checker reports in a page's source, as readable one-liners."""
        request = urllib.request.Request(
            self.url + "?out=json",
            data=html.encode(),
            headers={"Content-Type": "text/html; charset=utf-8"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            messages = json.load(response)["messages"]
        return [
            f"line {m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()}]"
            for m in messages
            if m["type"] in {"error", "non-document-error"}
        ]


@contextlib.contextmanager
def nu_checker(timeout=120):
    java = shutil.which("java")
    if java is None or not JAR.exists():
        raise RuntimeError(f"The Nu HTML checker needs java and {JAR}: {INSTALL}")
    port = free_port()
    # The schema's deep recursion overflows a small thread stack. The checker lives for a
    # few dozen pages: the JIT's first tier only and one GC thread halve the CPU of its start
    # and checks (20 -> 10 s measured, 30 pages, under load), beside the browser leg's work.
    command = [java, "-Xss4m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    command += ["-Dnu.validator.servlet.bind-address=127.0.0.1"]
    command += ["-cp", str(JAR), "nu.validator.servlet.Main", str(port)]
    url = f"http://127.0.0.1:{port}/"
    # A file, not a pipe: the checker's chatter must never fill a buffer and block it.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, stdout=log, stderr=log)
        try:
            wait_until_it_answers(url, process, log, timeout)
            yield NuChecker(url)
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_it_answers(url, process, log, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"the Nu checker exited: {log.read().decode()[-2000:]}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(url, timeout=2).close()
            return
        time.sleep(0.25)
    raise TimeoutError(f"the Nu checker did not answer within {timeout} s")
