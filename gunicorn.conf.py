"""gunicorn defaults: one sync worker per usable core plus one, forked from a master that
has loaded the app, recycled with jitter.

Every value can be overridden from the environment (documented in docs/operations.md).
"""

import gc
import os
from pathlib import Path


def usable_cores():
    # The cores this process may run on (a container's limit), not the host's count.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


wsgi_app = "newsroom.wsgi:application"
# Loopback by default: the reverse proxy in front is the only client (docs/operations.md).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", usable_cores() + 1))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
# A request still running after this many seconds has its worker killed and restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5
# Load the app once, in the master, and fork the workers from it: they share its imported
# code and data copy-on-write instead of each holding its own copy (about 60 MB a worker,
# docs/performance.md "Worker memory"), and a recycled worker starts in milliseconds. The
# cost: SIGHUP re-forks workers from the code the master loaded, so a deploy restarts the
# master (docs/operations.md).
preload_app = os.environ.get("GUNICORN_PRELOAD", "1").strip().lower() not in {"0", "false", "no"}
# Recycle workers now and then, staggered, so slow leaks never add up and never all at once.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 20000))
max_requests_jitter = max_requests // 10
# Heartbeat files on a disk in memory: a slow disk must not get healthy workers killed.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None
# Only these addresses may set X-Forwarded-Proto/-For for gunicorn: the proxy's.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django logs one line per request with its id (shared/logging.py; of page-cache hits and
# static files one in DJANGO_REQUEST_LOG_SAMPLE); gunicorn's access log would repeat it with
# query strings, so it is off unless asked for (GUNICORN_ACCESSLOG=-).
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None
errorlog = "-"
# gunicorn 27 opens a control socket under ~/.gunicorn by default; a web server needs none.
control_socket_disable = True


def pre_fork(server, worker):
    if not server.cfg.preload_app:
        return
    # A database connection the master opened while loading must not be inherited: two
    # processes using one SQLite or PostgreSQL connection corrupt it.
    from django.db import connections

    connections.close_all()
    # Everything loaded so far lives as long as the process: moved out of the collector's
    # sight, so the workers' collections do not write to the pages they share with the
    # master (each write would copy a page).
    gc.freeze()
