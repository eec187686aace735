"""Inside the benchmark's Django: the pages a busy day's readers spread over, and a reader.

Run by bench/busy.py: `python bench/scenario_setup.py RESULT.json`. Writes the paths (home,
every category page, sixty articles), the session cookie of a logged-in reader, and the
newsroom's staff for bench/scenario_staff.py: fifty people (Writers on drafts they are on,
Editors on published articles the readers read), each with a session made here (no password
round trip through the login form), a CSRF token, one article and its change form's text.
"""

import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from importlib import import_module  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.utils.crypto import get_random_string  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article, Category  # noqa: E402
from autosave.fields import saved_values  # noqa: E402

ARTICLES = 60
STAFF = 50  # half Writers on drafts, half Editors on published articles
CSRF_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def session_cookie(user):
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.ReaderBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def reader_cookie():
    reader, _ = User.objects.get_or_create(
        username="bench-reader", defaults={"display_name": "Bench Reader"}
    )
    return session_cookie(reader)


def staff_member(number, role):
    """bench-writer-07 or bench-editor-07, made once; no usable password, since their
    sessions are made here rather than through the login form."""
    user, created = User.objects.get_or_create(
        username=f"bench-{role.lower()}-{number:02}",
        defaults={"display_name": f"Bench {role} {number}", "is_staff": True},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
    return user


def staff(published_ids):
    """Each person, their article and what their browser would send: Writers are put on a
    draft's byline (the only articles they may edit), Editors open a published one."""
    half = STAFF // 2
    drafts = Article.objects.filter(status=Article.Status.DRAFT).order_by("pk")[:half]
    published = Article.objects.filter(pk__in=published_ids[:half]).order_by("pk")
    people = []
    for role, articles in (("Writer", drafts), ("Editor", published)):
        for number, article in enumerate(articles, start=1):
            user = staff_member(number, role)
            if role == "Writer":
                article.authors.add(user)  # idempotent: a byline already there is kept
            token = get_random_string(32, CSRF_CHARS)
            revision = article.history.values_list("history_id", flat=True).first() or ""
            people.append(
                {
                    "username": user.username,
                    "cookie": f"{session_cookie(user)}; {settings.CSRF_COOKIE_NAME}={token}",
                    "csrf_token": token,
                    "article_id": article.pk,
                    "published": article.is_published,
                    "path": article.get_absolute_url() if article.is_published else None,
                    "fields": saved_values(article),
                    "edit_version": article.lock_version,
                    "edit_revision": str(revision),
                }
            )
    return people


def main():
    articles = list(Article.objects.published().latest_first()[:ARTICLES])
    paths = ["/", *(c.get_absolute_url() for c in Category.objects.for_navigation())]
    paths += [article.get_absolute_url() for article in articles]
    ids = [article.pk for article in articles]
    result = {"paths": paths, "article_ids": ids, "cookie": reader_cookie(), "staff": staff(ids)}
    Path(sys.argv[1]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
