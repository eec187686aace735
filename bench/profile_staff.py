"""What a staff member's heartbeat and autosave cost, in process: the WSGI app called in a
loop with a staff session cookie, no server. A report, never a test.

Run on a copy of a built data set (it writes presence, lock and autosave rows):

    cp -a var/bench/articles-10000 /tmp/me-bench
    DJANGO_VAR_DIR=/tmp/me-bench python bench/profile_staff.py heartbeat --role Editor

Kinds: `heartbeat` (mode=editing, as presence.js sends every 15-20 s) and `autosave` (the
change form's text fields with a little more typed each time, as autosave.js sends), or
`autosave-same` (the same text each time). The person and their article come from
bench/scenario_setup.py's staff (a Writer on a draft they are on, or an Editor on a
published article). Prints CPU microseconds a request; --profile as bench/profile_paths.py.
"""

import argparse
import io
import os
import sys
import urllib.parse
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("DJANGO_SECRET_KEY", "profile-staff-only-" + "x" * 40)
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DJANGO_HTTPS", "0")


def environ(path, cookie, token, fields):
    body = urllib.parse.urlencode(fields).encode()
    return {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "CONTENT_TYPE": "application/x-www-form-urlencoded",
        "CONTENT_LENGTH": str(len(body)),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_COOKIE": cookie,
        "HTTP_X_CSRFTOKEN": token,
        "HTTP_ACCEPT": "application/json",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": body,  # wrapped afresh at each call
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def call(app, env):
    status = []
    env = dict(env, **{"wsgi.input": io.BytesIO(env["wsgi.input"])})
    body = app(env, lambda s, h, e=None: status.append(s))
    for _ in body:
        pass
    if hasattr(body, "close"):
        body.close()
    return status[0]


def requests_for(kind, person, n):
    cookie, token, pk = person["cookie"], person["csrf_token"], person["article_id"]
    if kind == "heartbeat":
        env = environ(f"/admin/presence/{pk}/heartbeat/", cookie, token, {"mode": "editing"})
        return [env] * n
    envs = []
    for typed in range(n):
        words = "Bench staff typing." if kind == "autosave-same" else f"Typing {typed}."
        fields = dict(person["fields"])
        fields["headline"] = f"{fields['headline']} ({words})"
        fields["body"] = f"{fields['body']}\n\n{words}"
        fields["edit_version"] = person["edit_version"]
        fields["edit_revision"] = person["edit_revision"]
        envs.append(environ(f"/admin/autosave/{pk}/", cookie, token, fields))
    return envs


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["heartbeat", "autosave", "autosave-same"])
    parser.add_argument("--role", choices=["Writer", "Editor"], default="Editor")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import scenario_setup  # django.setup() on import
    from django.core.wsgi import get_wsgi_application
    from profile_paths import timed

    from articles.models import Article

    published = list(Article.objects.published().latest_first().values_list("pk", flat=True)[:25])
    people = scenario_setup.staff(published)
    person = next(p for p in people if p["username"].startswith(f"bench-{args.role.lower()}"))
    app = get_wsgi_application()
    for env in requests_for(args.kind, person, 20):  # warm: first visit, lock, templates
        call(app, env)
    envs = requests_for(args.kind, person, args.requests)

    statuses, elapsed, cpu = timed(app, envs, args.profile, call=call)
    wall, cpu = elapsed / args.requests * 1e6, cpu / args.requests * 1e6
    print(
        f"{args.kind} as {person['username']}: {cpu:.0f} µs CPU a request "
        f"({wall:.0f} µs wall), {statuses}"
    )


if __name__ == "__main__":
    main()
