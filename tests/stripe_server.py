"""localstripe, a stateful stand-in for Stripe's API (PyPI `localstripe`), for the payment
tests: started in its own process on a free port, its state in memory only (the package
keeps it in /tmp/localstripe.pickle by default, which other runs would share), stopped
afterwards. The official library is pointed at it (`STRIPE_API_BASE`).

    with stripe_server() as server:
        server.api_base, server.boundary_requests()

localstripe has customers, plans, subscriptions and invoices, but no Checkout sessions and
no customer portal. For those two this process answers the endpoints itself, at the
boundary: it keeps what the library sent (`boundary_requests()`) and answers an object of
the documented shape with a `url`. What Stripe would do past that (a payment page, a
portal) cannot be tested from here: Stripe itself is not reachable from these machines.
"""

import contextlib
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from tests.pgserver import free_port, real_clock_env

SECRET_KEY = "sk_test_newsroom_localstripe"


@dataclass
class StripeServer:
    api_base: str

    def boundary_requests(self):
        with urllib.request.urlopen(
            f"{self.api_base}/_config/boundary_requests", timeout=5
        ) as answer:
            return json.loads(answer.read())


@contextlib.contextmanager
def stripe_server():
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.stripe_server", str(port)],
        cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=real_clock_env(),  # aiohttp's waits break under libfaketime; periods are relative
    )
    server = StripeServer(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                server.boundary_requests()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("localstripe did not start") from None
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


def serve(port):
    import socket

    from aiohttp import web
    from localstripe import resources, server

    # State in memory only: never the package's shared /tmp file.
    resources.Store.dump_to_disk = lambda self: None
    resources.Store.try_load_from_disk = lambda self: None
    seen = []

    def boundary(kind, prefix, host):
        async def create(request):
            data = await server.get_post_data(request) or {}
            key = request.headers.get("Idempotency-Key", "")
            seen.append({"endpoint": kind, "params": data, "idempotency_key": key})
            name = f"{prefix}_test_{secrets.token_hex(8)}"
            obj = {
                "id": name,
                "object": kind,
                "url": f"https://{host}/{name}",
                "livemode": False,
                "created": int(time.time()),
                **{k: v for k, v in data.items() if isinstance(v, str)},
            }
            return web.json_response(obj)

        return create

    async def requests(request):
        return web.json_response(seen)

    app = server.app
    app.router.add_post(
        "/v1/checkout/sessions", boundary("checkout.session", "cs", "checkout.stripe.com/c/pay")
    )
    app.router.add_post(
        "/v1/billing_portal/sessions",
        boundary("billing_portal.session", "bps", "billing.stripe.com/p/session"),
    )
    app.router.add_get("/_config/boundary_requests", requests)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    web.run_app(app, sock=sock, print=None, access_log=None)


if __name__ == "__main__":
    serve(int(sys.argv[1]))
