"""A small HTTP client for the load test: one connection per reader, from its own address."""

import http.client
import re
import socket
import time
from urllib.parse import urlencode

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(port, http=True, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                if not http or Client(port, source="127.0.0.1").get("/healthz") == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port}")


class Client:
    def __init__(self, port, source, session=None):
        self.port, self.source = port, source
        self.cookies = {"sessionid": session} if session else {}
        self.csrf = None

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, text
        except (OSError, http.client.HTTPException) as error:
            # A connection cut by a killed worker: no answer, so nothing was acknowledged.
            return f"connection lost ({type(error).__name__})", ""
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)[0]

    def get_text(self, path):
        return self.request("GET", path)[1]

    def fetch_csrf(self, path):
        status, text = self.request("GET", path)
        match = CSRF_INPUT.search(text)
        if status != 200 or not match:
            raise RuntimeError(f"no comment form for a logged-in reader at {path} ({status})")
        self.csrf = match.group(1)

    def post(self, path, data):
        body = urlencode({**data, "csrfmiddlewaretoken": self.csrf})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=body, headers=headers)[0]
