"""Inside the benchmark's Django: choose the pages, count their queries, save the static copy.

Run by bench/run.py with the benchmark's environment: `python bench/probe.py RESULT.json`.
Each page is fetched twice through Django's test client with the page cache off: the first
fills process-level state (templates, fragments), the second is what a cold page costs on a
running server, and its query count is reported.
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

from django.conf import settings  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from articles.models import Article  # noqa: E402

STATIC_COPY = "bench/article.html"
# The home page is twice the article's size: its own static copy says what its bytes cost.
HOME_COPY = "bench/home.html"


def pages():
    article = Article.objects.published().latest_first().select_related("category").first()
    if article is None:
        sys.exit("The benchmark database has no published article.")
    return {
        "home": "/",
        "category": article.category.get_absolute_url(),
        "article": article.get_absolute_url(),
        "search": "/search/?q=harbour",
        "feed": "/feeds/rss/",
    }


def measure(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, len(queries)


def main(result_path):
    cache.clear()  # no page or fragment from an earlier run
    client = Client(HTTP_HOST="127.0.0.1")
    found = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for name, url in pages().items():
            response, queries = measure(client, url)
            found[name] = {
                "url": url,
                "status": response.status_code,
                "bytes": len(response.content),
                "queries": queries,
            }
            if name == "article":
                article_html = response.content
            if name == "home":
                home_html = response.content
    static_file = Path(settings.STATIC_ROOT) / STATIC_COPY
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(article_html)
    found["static"] = {
        "url": "/" + settings.STATIC_URL.strip("/") + "/" + STATIC_COPY,
        "status": 200,
        "bytes": len(article_html),
        "queries": 0,
    }
    (static_file.parent / Path(HOME_COPY).name).write_bytes(home_html)
    found["static-home"] = {
        "url": "/" + settings.STATIC_URL.strip("/") + "/" + HOME_COPY,
        "status": 200,
        "bytes": len(home_html),
        "queries": 0,
    }
    Path(result_path).write_text(json.dumps(found, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
