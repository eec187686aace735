"""Inside the benchmark's Django: the pages a busy day's readers spread over, and a reader.

Run by bench/busy.py: `python bench/scenario_setup.py RESULT.json`. Writes the paths (home,
every category page, sixty articles) and the session cookie of a logged-in reader.
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

from accounts.models import User  # noqa: E402
from articles.models import Article, Category  # noqa: E402

ARTICLES = 60


def reader_cookie():
    reader, _ = User.objects.get_or_create(
        username="bench-reader", defaults={"display_name": "Bench Reader"}
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.ReaderBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def main():
    articles = list(Article.objects.published().latest_first()[:ARTICLES])
    paths = ["/", *(c.get_absolute_url() for c in Category.objects.for_navigation())]
    paths += [article.get_absolute_url() for article in articles]
    result = {"paths": paths, "article_ids": [a.pk for a in articles], "cookie": reader_cookie()}
    Path(sys.argv[1]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
