"""A request as gunicorn's sync worker serves it, in one process: the server's part counted.

bench/profile_paths.py calls the WSGI app alone; under gunicorn each request also pays for
the connection (accept, close), parsing the request, building the environ, checking and
writing the response's headers, and the body's write. This runs gunicorn's own
`SyncWorker.handle()` on a real loopback connection per request (the client's side here
too: connect, send, read to the end), with the settings of gunicorn.conf.py, so the CPU a
request costs the server and the app together is read without wrk or another process, and
alternating runs compare on a shared machine. A report, never a test.

    python bench/gunicorn_in_process.py anchor --var-dir var/bench/articles-2000
    python bench/gunicorn_in_process.py hit --var-dir var/bench/articles-2000 --profile

`anchor`: bench/anchor serving the article's static copy; `static`: our stack serving it;
`hit`: the article as an anonymous page-cache hit (the page cache on).
"""

import argparse
import os
import socket
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
STATIC_URL = "/static/bench/article.html"


def configure(kind, var_dir):
    """The environment bench/run.py gives each server, before Django is imported."""
    if kind == "anchor":
        sys.path.insert(0, str(BASE_DIR / "bench"))
        os.environ["ANCHOR_STATIC_ROOT"] = str(var_dir / "static")
        os.environ["DJANGO_SETTINGS_MODULE"] = "anchor.settings"
        return
    from run import production_env

    # The project before bench/ (put first by this script and by run.py): bench/editor.py
    # is not the editor app.
    bench = str(BASE_DIR / "bench")
    sys.path[:] = [str(BASE_DIR), *(p for p in sys.path if p != bench), bench]

    os.environ.update(production_env(var_dir))
    os.environ["NEWSROOM_PAGE_CACHE"] = "1"


def gunicorn_config():
    """gunicorn.conf.py read as gunicorn reads it."""
    from gunicorn.config import Config

    cfg = Config()
    found = {"__file__": str(BASE_DIR / "gunicorn.conf.py"), "__name__": "__config__"}
    exec(compile((BASE_DIR / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), found)
    for name, value in found.items():
        if name in cfg.settings and value is not None:
            cfg.set(name, value)
    return cfg


def sync_worker(app, cfg):
    """gunicorn's sync worker, as far as handle() needs one (no arbiter, no fork)."""
    from gunicorn.glogging import Logger
    from gunicorn.workers.sync import SyncWorker

    worker = SyncWorker.__new__(SyncWorker)
    worker.cfg, worker.wsgi, worker.log = cfg, app, Logger(cfg)
    worker.nr, worker.max_requests, worker.alive = 0, sys.maxsize, True
    return worker


def serve_one(worker, listener, request):
    client = socket.create_connection(listener.getsockname())
    client.sendall(request)
    client.shutdown(socket.SHUT_WR)  # as wrk's close after the answer: no lingering wait
    connection, address = listener.accept()
    connection.setblocking(True)
    worker.handle(listener, connection, address)
    received = bytearray()
    while chunk := client.recv(65536):
        received += chunk
    client.close()
    return bytes(received)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["anchor", "static", "hit"])
    parser.add_argument("--var-dir", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--show", action="store_true", help="print one response's head")
    args = parser.parse_args()
    configure(args.kind, args.var_dir.resolve())

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()
    path = STATIC_URL
    if args.kind == "hit":
        from articles.models import Article

        path = Article.objects.published().latest_first().first().get_absolute_url()
    worker = sync_worker(app, gunicorn_config())
    listener = socket.create_server(("127.0.0.1", 0), backlog=64)
    host = "{}:{}".format(*listener.getsockname())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    for _ in range(50):  # warm: the page stored, the file found, the memos filled
        answer = serve_one(worker, listener, request)
    if args.show:
        print(answer.partition(b"\r\n\r\n")[0].decode())
    status = answer.split(b" ", 2)[1].decode()

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(args.requests):
        serve_one(worker, listener, request)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("PROFILE_SORT", "tottime")).print_stats(
            int(os.environ.get("PROFILE_LINES", 40))
        )
    n = args.requests
    print(
        f"{args.kind} {path}: {cpu / n * 1e6:.0f} µs CPU a request "
        f"({wall / n * 1e6:.0f} µs wall), status {status}, load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
