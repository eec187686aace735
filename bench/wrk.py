"""Run wrk against one URL and read its summary into numbers."""

import os
import re
import shutil
import subprocess
import sys

UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def ensure_wrk():
    """wrk from Debian packages: installed when missing and we are root, else a clear stop."""
    if shutil.which("wrk"):
        return shutil.which("wrk")
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk from Debian packages...", flush=True)
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "wrk"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        return shutil.which("wrk")
    sys.exit("wrk is not installed: run `sudo apt-get install wrk`, then `make bench` again.")


def to_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unreadable wrk duration {text!r}")
    return round(float(match.group(1)) * UNITS_MS[match.group(2)], 3)


def parse(output):
    """Requests/s, median and p99 latency, non-2xx/3xx and socket errors from `wrk --latency`."""

    def find(pattern, default=None):
        match = re.search(pattern, output, re.MULTILINE)
        return match.group(1) if match else default

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "requests_per_second": float(find(r"^Requests/sec:\s+([\d.]+)", "0")),
        "requests": int(find(r"^\s+(\d+) requests in", "0")),
        "median_ms": to_ms(find(r"^\s+50%\s+(\S+)", "0us")),
        "p99_ms": to_ms(find(r"^\s+99%\s+(\S+)", "0us")),
        "non_2xx_3xx": int(find(r"Non-2xx or 3xx responses:\s+(\d+)", "0")),
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def run(url, *, threads, connections, duration, cookie=None, script=None):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    if script:
        command[1:1] = ["-s", str(script)]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse(result.stdout)


def fetch_quietly(url):
    """One GET, whatever it answers (to warm a page before it is measured)."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            response.read()
    except (urllib.error.URLError, OSError):
        pass
