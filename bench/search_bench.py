"""Search at a large archive: the median time of /search/ for a common word and a phrase.

A report, never a test. Runs inside Django with the page cache off (every request ranks,
counts and renders its results) against whichever database the environment names:

    # SQLite: the data set is built once into --var-dir and reused on the next run
    .venv/bin/python bench/search_bench.py --articles 100000 --var-dir /tmp/search-100k
    # PostgreSQL: a throwaway server; --pg-dump keeps the built data set for the next run
    .venv/bin/python -m tests.pgserver -- .venv/bin/python bench/search_bench.py \\
        --articles 100000 --var-dir /tmp/search-100k-pg --pg-dump /tmp/search-100k.pgdump

Each query is fetched once to warm the process (templates, fragments), then --runs times;
the parts are timed apart as well: counting; counting and the page's rows, as the view
asks; the whole page.
"""

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from functools import partial
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

# A common word and a phrase of the demo archive, a rarer word, and page 5 of the word.
QUERIES = {
    "common word": "harbour",
    "phrase": '"harbour district"',
    "two words": "nurse harbour",
    "rare word": "zeppelin",
    "common word, page 5": "harbour&page=5",
}


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("ARTICLES", 100000)))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--var-dir", type=Path, default=BASE_DIR / "var" / "bench" / "search")
    parser.add_argument("--pg-dump", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument(
        "--ranked", type=int, default=None, help="SEARCH_RANKED_MATCHES for this run"
    )
    return parser.parse_args()


def setup_django(var_dir):
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_HTTPS="0",
        DJANGO_VAR_DIR=str(var_dir),
        NEWSROOM_PAGE_CACHE="0",
    )
    import django

    django.setup()


def pg_tool(name):
    from tests.pgserver import postgres_bindir

    return str(postgres_bindir() / name)


def build(articles, pg_dump):
    """Migrate and seed (no comments: search never reads them), or restore a kept dump."""
    from django.core.management import call_command
    from django.db import connection

    from articles.models import Article

    postgres = connection.vendor == "postgresql"
    if postgres and pg_dump and pg_dump.exists() and not has_articles():
        print(f"Restoring {pg_dump}...", flush=True)
        url = os.environ["DATABASE_URL"]
        subprocess.run([pg_tool("pg_restore"), "--no-owner", "-d", url, str(pg_dump)], check=True)
        connection.close()
    call_command("migrate", "--noinput", verbosity=0)
    have = Article.objects.count()
    if have < articles:
        print(f"Seeding {articles - have} articles (a while at 100,000)...", flush=True)
        started = time.perf_counter()
        call_command("seed_demo", articles=articles, comments=0, verbosity=0)
        print(f"Seeded in {time.perf_counter() - started:.0f} s", flush=True)
        if postgres and pg_dump:
            url = os.environ["DATABASE_URL"]
            subprocess.run([pg_tool("pg_dump"), "-Fc", "-f", str(pg_dump), url], check=True)
    call_command("collectstatic", "--noinput", verbosity=0)  # production settings need it
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def has_articles():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass('articles_article') IS NOT NULL")
        return cursor.fetchone()[0]


def timed(function, runs):
    """Wall-clock and CPU milliseconds of each run. On a shared machine the CPU time of
    this process (SQLite runs inside it) is what the work costs; the wall clock adds the
    waits for a core (and, on PostgreSQL, the server's own work)."""
    wall, cpu = [], []
    for _ in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        function()
        cpu.append((time.process_time() - started_cpu) * 1000)
        wall.append((time.perf_counter() - started) * 1000)
    return wall, cpu


def summary(times):
    wall, cpu = (sorted(each) for each in times)
    return {
        "median_ms": round(statistics.median(wall), 1),
        "p90_ms": round(wall[int(len(wall) * 0.9) - 1], 1),
        "min_ms": round(wall[0], 1),
        "cpu_median_ms": round(statistics.median(cpu), 1),
    }


def measure(runs):
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from articles.models import Article
    from search import conf
    from search.query import search_articles
    from search.terms import search_terms

    cache.clear()
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    for name, query in QUERIES.items():
        words, _, page = query.partition("&page=")
        page = int(page or 1)
        url = "/search/?" + "&".join(
            [f"q={words.replace(' ', '+').replace(chr(34), '%22')}"]
            + ([f"page={page}"] if page > 1 else [])
        )
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        terms = search_terms(words)
        found = search_articles(terms)
        start = (page - 1) * conf.SEARCH_RESULTS_PER_PAGE
        window = slice(start, start + conf.SEARCH_RESULTS_PER_PAGE)
        results[name] = {
            "query": words,
            "page": page,
            "count": found.count(),
            "summary": summary_line(response.content.decode()),
            "page_ms": summary(timed(lambda url=url: client.get(url), runs)),
            "count_ms": summary(timed(partial(count, terms), runs)),
            "search_ms": summary(timed(partial(count_and_rows, terms, window), runs)),
        }
        print(f"{name:22} {json.dumps(results[name])}", flush=True)
    return {
        "database": connection.vendor,
        "articles": Article.objects.count(),
        "published": Article.objects.published().count(),
        "runs": runs,
        "ranked_matches": getattr(conf, "SEARCH_RANKED_MATCHES", None),  # None: before the cap
        "queries": results,
    }


def count(terms):
    from search.query import search_articles

    return search_articles(terms).count()


def count_and_rows(terms, window):
    """What the page asks of search: the count, then the page's rows."""
    from search.query import search_articles

    results = search_articles(terms)
    results.count()
    return results[window]


def summary_line(html):
    """What the page says about the count ("1,000+ stories found" and the like)."""
    if 'class="search-summary"' not in html:
        return None
    text = html.split('class="search-summary"', 1)[1].split(">", 1)[1].split("</p>", 1)[0]
    return " ".join(text.split())


def table(result):
    """The figures as a Markdown table (bench/run.py prints it in `make bench`)."""
    lines = [
        f"Search, {result['database']}, {result['articles']:,} articles "
        f"({result['published']:,} published), medians of {result['runs']} runs, "
        f"ranked matches {result['ranked_matches']}:",
        "",
        "| query | found | page wall ms | page CPU ms | search wall ms | search CPU ms |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in result["queries"].items():
        page, search = row["page_ms"], row["search_ms"]
        lines.append(
            f"| {name}: `{row['query']}` | {row['summary'] or row['count']} "
            f"| {page['median_ms']} | {page['cpu_median_ms']} "
            f"| {search['median_ms']} | {search['cpu_median_ms']} |"
        )
    return "\n".join(lines)


def main():
    args = arguments()
    setup_django(args.var_dir)
    build(args.articles, args.pg_dump)
    if args.ranked:
        from search import conf

        conf.SEARCH_RANKED_MATCHES = args.ranked
    result = measure(args.runs)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    print(table(result))
    return result


if __name__ == "__main__":
    main()
