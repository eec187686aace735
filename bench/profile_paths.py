"""Where a request's time goes, in process: the WSGI app called in a loop, no server, no wrk.

Run with the benchmark's environment (bench/run.py's `production_env`, a built data set):

    DJANGO_VAR_DIR=var/bench/articles-10000 python bench/profile_paths.py hit /some/article/

Paths: `static` (the article's static copy), `hit` (anonymous page-cache hit), `miss` (page
cache on, a new query parameter the page reads each time, so each request builds and stores
a page: fragments warm), `reader` (a logged-in reader's page from the shared shell; the
reader is the first demo login), `member` (a member of a paid tier reading a members-only
article from the shared shell: the story and member bench/paywall_setup.py makes, so run
it on the data set first). Prints CPU microseconds a request and, with --profile, the
functions the time went to: pyinstrument when installed (`pip install pyinstrument`), else
cProfile (`PROFILE_SORT=tottime PROFILE_LINES=60` change its listing). A report, never a test.
"""

import argparse
import io
import os
import secrets
import sys
import time
from itertools import count
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-paths-only-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")


def environ(path, cookie=""):
    path, _, query = path.partition("?")
    env = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if cookie:
        env["HTTP_COOKIE"] = cookie
    return env


def call(app, env):
    status = []
    body = app(dict(env, **{"wsgi.input": io.BytesIO(b"")}), lambda s, h, e=None: status.append(s))
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return status[0]


def reader_cookie(client_class):
    from accounts.models import User

    user = User.objects.filter(is_staff=False, is_active=True).order_by("pk").first()
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    client = client_class(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    # A reader who has been on the site holds a CSRF cookie, as bench/scenario_setup.py's does.
    cookies = [f"{name}={morsel.value}" for name, morsel in client.cookies.items()]
    return "; ".join([*cookies, f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"])


def member_cookie(client_class):
    """A member of a paid tier (bench/paywall_setup.py's) and the members-only article they
    read: the newest story whose rule is for members."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    from articles.models import Article
    from memberships.models import AccessRule, Level, Membership

    membership = (
        Membership.objects.filter(tier__kind="paid", status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    article = (
        Article.objects.published()
        .filter(pk__in=AccessRule.objects.filter(level=Level.MEMBERS).values("article_id"))
        .latest_first()
        .first()
    )
    if membership is None or article is None:
        sys.exit("no member or members-only article: run bench/paywall_setup.py on the data")
    client = client_class(HTTP_HOST="127.0.0.1")
    client.force_login(membership.user)
    cookies = [f"{name}={morsel.value}" for name, morsel in client.cookies.items()]
    cookie = "; ".join([*cookies, f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"])
    return cookie, article.get_absolute_url()


def requests_for(kind, url, static_url):
    if kind == "static":
        return lambda n: environ(static_url)
    if kind == "miss":
        # `page` is a parameter the page reads, so each one is a page of its own; past the
        # last page an article answers as itself (the parameter is the comments' and live
        # stream's page, clamped).
        # A new prefix each run: the cache outlives the run, and an address seen is a hit.
        numbers = count(secrets.randbelow(10**9) * 10**6)
        joiner = "&" if "?" in url else "?"
        return lambda n: environ(f"{url}{joiner}comments_page={next(numbers)}")
    return lambda n: environ(url)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["static", "hit", "miss", "reader", "member"])
    parser.add_argument("url", nargs="?", default=None)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application
    from django.test import Client

    from articles.models import Article

    app = get_wsgi_application()
    article = Article.objects.published().latest_first().first()
    url = args.url or article.get_absolute_url()
    static_url = "/" + settings.STATIC_URL.strip("/") + "/bench/article.html"
    make = requests_for(args.kind, url, static_url)
    cookie = reader_cookie(Client) if args.kind == "reader" else ""
    if args.kind == "member":
        cookie, walled = member_cookie(Client)
        url = args.url or walled
        make = requests_for(args.kind, url, static_url)
    for n in range(20):  # warm: templates, fragments, the page itself
        env = make(n)
        if cookie:
            env["HTTP_COOKIE"] = cookie
        call(app, env)
    envs = []
    for n in range(args.requests):
        env = make(n)
        if cookie:
            env["HTTP_COOKIE"] = cookie
        envs.append(env)

    statuses, elapsed, cpu = timed(app, envs, args.profile)
    # CPU time is the figure to compare on a shared machine: wall time counts the others' work.
    wall, cpu = elapsed / args.requests * 1e6, cpu / args.requests * 1e6
    print(f"{args.kind} {url}: {cpu:.0f} µs CPU a request ({wall:.0f} µs wall), {statuses}")


def timed(app, envs, profile=False, call=call):
    """(statuses, wall seconds, CPU seconds) of `call(app, env)` for each of `envs`, with the
    functions the time went to printed when `profile`: pyinstrument when installed, else
    cProfile (PROFILE_SORT, PROFILE_LINES)."""
    profiler = None
    if profile:
        try:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0002)
        except ImportError:
            import cProfile

            profiler = cProfile.Profile()
        profiler.enable() if hasattr(profiler, "enable") else profiler.start()
    started, cpu = time.perf_counter(), time.process_time()
    statuses = {call(app, env) for env in envs}
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profiler is not None:
        if hasattr(profiler, "disable"):
            import pstats

            profiler.disable()
            pstats.Stats(profiler).sort_stats(
                os.environ.get("PROFILE_SORT", "cumulative")
            ).print_stats(int(os.environ.get("PROFILE_LINES", 45)))
        else:
            profiler.stop()
            print(profiler.output_text(unicode=True, show_all=False))
    return statuses, elapsed, cpu


if __name__ == "__main__":
    main()
