"""Django templates against a Jinja2 port of the article page's heaviest parts.

Is moving the public templates to Jinja2 worth it once fragments are reused? Two answers:

1. Per render: the article's own part (the `{% fragment "article" %}` block), a comments
   area of 50 comments and a list of 20 cards, rendered by Django's engine as built and by
   the port in bench/jinja2_port/ (an experiment, never used by the app), with the same
   objects and context, interleaved so machine load hits both alike. The two outputs are
   checked equal (whitespace and entity spelling aside) before anything is timed.
2. Per page-cache miss: the article, home and category pages through the whole middleware
   stack with the page cache off, fragments warm (the usual miss) and cold (every key
   changed before each request, as right after a site-wide change), and which share of
   each miss is the template engine (outermost template renders, less the SQL and cache
   reads done inside them).

By hand, on `make bench`'s data set (built by `make bench`, kept in var/bench/):
    .venv/bin/python bench/template_engines.py [--articles 10000] [--iterations 300]
`make bench` runs it with fewer iterations and puts its tables in the report. Needs
Jinja2: `pip install -e ".[bench]"`, or `pip install --target var/bench-lib Jinja2` to
leave the virtualenv as it is.
"""

import argparse
import json
import logging
import os
import re
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BASE_DIR = BENCH_DIR.parent
PORT_DIR = BENCH_DIR / "jinja2_port"
sys.path.insert(0, str(BASE_DIR))


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=int(os.environ.get("ARTICLES", 10000)))
    parser.add_argument("--iterations", type=int, default=300, help="renders per part and engine")
    parser.add_argument("--requests", type=int, default=40, help="requests per page and state")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    return parser.parse_args()


def use_bench_environment(articles):
    """The production settings `make bench` serves with, unless the caller set them."""
    if "DJANGO_VAR_DIR" in os.environ:
        return
    sys.path.insert(0, str(BENCH_DIR))
    import run

    var_dir = BASE_DIR / "var" / "bench" / f"articles-{articles}"
    if not (var_dir / "db.sqlite3").exists():
        sys.exit(f"No data set in {var_dir}: run `make bench ARTICLES={articles}` once first.")
    os.environ.update(run.production_env(var_dir))


def import_jinja2():
    try:
        import jinja2
    except ImportError:
        sys.path.insert(0, str(BASE_DIR / "var" / "bench-lib"))
        try:
            import jinja2
        except ImportError:
            sys.exit('Jinja2 is missing: pip install -e ".[bench]" (see this docstring).')
    return jinja2


args = arguments()
use_bench_environment(args.articles)
jinja2 = import_jinja2()

import django  # noqa: E402

django.setup()
logging.getLogger("newsroom.request").setLevel(logging.WARNING)  # one line per request

from django.core.cache import caches  # noqa: E402
from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402
from django.template import base as template_base  # noqa: E402
from django.template import engines  # noqa: E402
from django.template.backends.jinja2 import Jinja2  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from articles.listings import published_cards  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.views import ArticleDetailView  # noqa: E402
from comments import conf as comments_conf  # noqa: E402
from comments.models import Comment  # noqa: E402
from comments.templatetags.comments_tags import (  # noqa: E402
    PAGE_PARAM,
    _draw,
    _threads,
    drawn_parts,
)
from shared import cache as content  # noqa: E402

COMMENTS = 50
CACHE_METHODS = ("get", "get_many", "set", "set_many", "add")
CARDS = 20


def jinja_engine():
    return Jinja2(
        {
            "NAME": "bench-jinja2",
            "DIRS": [str(PORT_DIR)],
            "APP_DIRS": False,
            "OPTIONS": {"environment": "jinja2_env.environment"},
        }
    )


# The parts, with their data read once, so the renders below run no query.
def article_part():
    article = Article.objects.published().latest_first().first()
    view = ArticleDetailView()
    article = view.get_queryset().get(pk=article.pk)
    request = RequestFactory().get(article.get_absolute_url(), HTTP_HOST="127.0.0.1")
    tags = list(article.tags.all())
    article.byline, article.corrections_shown  # noqa: B018 - read them now, not while timed
    context = {
        "article": article,
        "tags": tags,
        "updated_at": article.updated_for_readers,
        "share_url": request.build_absolute_uri(article.get_absolute_url()),
    }
    return "articles/article_body.html", context


def comments_part():
    """50 shown comments as threads: seed_demo gives each article 10-16, so the threads
    of the most commented articles are put under the first one, as a busy story has."""
    rows, articles = [], Comment.objects.shown_in_threads().values_list("article", flat=True)
    for article_id in articles.order_by("article").distinct()[:10]:
        rows += list(Comment.objects.shown_in_threads().for_display().filter(article_id=article_id))
        if len(rows) >= COMMENTS:
            break
    rows = [row for row in rows if row.parent_id is None or row.parent_id in {r.pk for r in rows}]
    article = Article.objects.get(pk=rows[0].article_id)
    threads = _threads(rows[:COMMENTS] if len(rows) > COMMENTS else rows)
    page = Paginator(range(len(threads)), comments_conf.threads_per_page()).get_page(1)
    context = {
        "article": article,
        "comment_count": len(rows),
        "threads": threads,
        "page": page,
        "page_param": PAGE_PARAM,
        "is_open": True,
        "max_depth": comments_conf.max_depth(),
    }
    shown = sum(1 for _ in walk(threads))
    return ("comments/_article_comments.html", "comments/_article_comments.html", context), shown


def render_comments(template, context, draws):
    """Django's side draws every comment as the app does when it has kept none
    (comments_tags._draw, its parts forgotten first), so both engines draw them all."""
    if draws:
        drawn_parts.clear()
        for thread in context["threads"]:
            _draw(thread, context["is_open"], ("bench",))
    return template.render(context)


def walk(threads):
    for comment in threads:
        yield comment
        yield from walk(comment.thread_replies)


def cards_part():
    articles = list(published_cards().latest_first()[:CARDS])
    for article in articles:
        article.byline  # noqa: B018 - prefetched already; read before timing
    return ("includes/article_card.html", "includes/article_card.html", articles)


def render_cards(template, articles):
    # As articles.fragments.render_cards builds a list: one render per card.
    options = {"heading_level": 2}
    return "".join(
        template.render({**options, "article": article, "eager": index == 0})
        for index, article in enumerate(articles)
    )


def normalised(html):
    html = html.replace("&#x27;", "'").replace("&#39;", "'")
    html = html.replace("&quot;", '"').replace("&#34;", '"')
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def summary_ms(samples_ns):
    ms = [ns / 1e6 for ns in samples_ns]
    return {"median_ms": round(statistics.median(ms), 3), "p90_ms": round(percentile(ms, 0.9), 3)}


def compare_renders(iterations):
    jinja = jinja_engine()
    port_name, article_context = article_part()
    comments, shown = comments_part()
    django_comments = get_template(comments[0])
    cards = cards_part()
    parts = {
        "article part (header, body, tags, share)": (
            django_part_template(),
            jinja.get_template(port_name),
            lambda t, c=article_context: t.render(c),
        ),
        f"comments area, {shown} comments": (
            django_comments,
            jinja.get_template(comments[1]),
            lambda t, c=comments[2]: render_comments(t, c, draws=t is django_comments),
        ),
        f"{len(cards[2])} cards": (
            get_template(cards[0]),
            jinja.get_template(cards[1]),
            lambda t, a=cards[2]: render_cards(t, a),
        ),
    }
    results = {}
    for name, (django_template, jinja_template, render) in parts.items():
        with content.collecting(always=False):
            same = normalised(render(django_template)) == normalised(render(jinja_template))
        if not same:
            sys.exit(f"The port of {name!r} renders differently from Django's; fix it first.")
        timings = {"django": [], "jinja2": []}
        with CaptureQueriesContext(connection) as queries, content.collecting(always=False):
            for _ in range(max(10, iterations // 10)):  # warm both up
                render(django_template), render(jinja_template)
            for _ in range(iterations):
                for engine, template in (("django", django_template), ("jinja2", jinja_template)):
                    started = time.perf_counter_ns()
                    render(template)
                    timings[engine].append(time.perf_counter_ns() - started)
        django_ms, jinja_ms = summary_ms(timings["django"]), summary_ms(timings["jinja2"])
        results[name] = {
            "django": django_ms,
            "jinja2": jinja_ms,
            "speedup": round(django_ms["median_ms"] / jinja_ms["median_ms"], 2),
            "bytes": len(render(django_template)),
            "queries_while_timed": len(queries),
        }
    return results


def django_part_template():
    """The `{% fragment "article" %}` block of article_detail.html as a template of its own
    (its text, unchanged), so it renders without the page around it and without the
    fragment cache answering for it."""
    source = (BASE_DIR / "templates" / "articles" / "article_detail.html").read_text()
    opening = source.index('{% fragment "article" ')
    start = source.index("\n", opening) + 1
    end = source.index("{% endfragment %}", start)
    loads = "{% load comments_tags article_tags datetimes page_parts %}"
    return engines["django"].from_string(loads + source[start:end])


# The whole miss: where its time goes.
class Split:
    """Time inside outermost template renders, and the SQL and cache reads made inside them."""

    def __init__(self):
        self.depth, self.template_ns, self.sql_in_ns, self.cache_in_ns = 0, 0, 0, 0
        self.sql_ns = 0

    def install(self):
        original_render = template_base.Template.render
        split = self

        def render(template, context):
            if split.depth:
                return original_render(template, context)
            split.depth += 1
            started = time.perf_counter_ns()
            try:
                return original_render(template, context)
            finally:
                split.template_ns += time.perf_counter_ns() - started
                split.depth -= 1

        template_base.Template.render = render
        backends = {id(b): b for b in (caches["default"], content.change_cache())}.values()
        for backend in backends:
            for method in CACHE_METHODS:
                setattr(backend, method, self.timed_cache(getattr(backend, method)))

        def restore():
            template_base.Template.render = original_render
            for backend in backends:
                for method in CACHE_METHODS:
                    delattr(backend, method)  # the instance's wrapper; the class's method is back

        self.restore = restore

    def timed_cache(self, method):
        def call(*a, **kw):
            started = time.perf_counter_ns()
            try:
                return method(*a, **kw)
            finally:
                if self.depth:
                    self.cache_in_ns += time.perf_counter_ns() - started

        return call

    def sql(self, execute, sql, params, many, context):
        started = time.perf_counter_ns()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter_ns() - started
            self.sql_ns += spent
            if self.depth:
                self.sql_in_ns += spent

    def reset(self):
        self.template_ns = self.sql_in_ns = self.cache_in_ns = self.sql_ns = 0


def page_misses(requests):
    article = Article.objects.published().latest_first().select_related("category").first()
    pages = {
        "article": article.get_absolute_url(),
        "home": "/",
        "category": article.category.get_absolute_url(),
    }
    client = Client(HTTP_HOST="127.0.0.1")
    split = Split()
    results = {}
    with override_settings(PAGE_CACHE_ENABLED=False):
        for name, url in pages.items():
            for state in ("warm", "cold"):
                client.get(url)  # templates loaded, fragments filled
                totals, shares = [], []
                for instrumented in (False, True):
                    if instrumented:
                        split.install()
                    try:
                        with connection.execute_wrapper(split.sql):
                            for _ in range(requests):
                                if state == "cold":
                                    content.content_changed()  # every key: every fragment
                                split.reset()
                                started = time.perf_counter_ns()
                                response = client.get(url)
                                total = time.perf_counter_ns() - started
                                assert response.status_code == 200, (url, response.status_code)
                                if instrumented:
                                    engine = split.template_ns - split.sql_in_ns
                                    engine -= split.cache_in_ns
                                    shares.append((total, split.template_ns, engine, split.sql_ns))
                                else:
                                    totals.append(total)
                    finally:
                        if instrumented:
                            split.restore()
                results[f"{name} ({state} fragments)"] = miss_figures(totals, shares)
    return results


def miss_figures(totals, shares):
    def median_ms(values):
        return round(statistics.median(values) / 1e6, 2)

    instrumented_total = median_ms([s[0] for s in shares])
    engine = median_ms([s[2] for s in shares])
    return {
        "miss_ms": median_ms(totals),
        "miss_p90_ms": round(percentile(totals, 0.9) / 1e6, 2),
        "instrumented_ms": instrumented_total,
        "templates_ms": median_ms([s[1] for s in shares]),
        "engine_ms": engine,
        "sql_ms": median_ms([s[3] for s in shares]),
        "engine_share": round(engine / instrumented_total, 3) if instrumented_total else None,
    }


def verdict(renders, misses):
    speedups = [part["speedup"] for part in renders.values()]
    speedup = statistics.median(speedups)
    lines = []
    for name, page in misses.items():
        saved = page["engine_ms"] * (1 - 1 / speedup)
        lines.append(
            f"{name}: miss {page['miss_ms']} ms, template engine {page['engine_ms']} ms "
            f"({page['engine_share']:.0%}); at the parts' median speed-up ({speedup}×) Jinja2 "
            f"would save about {saved:.1f} ms ({saved / page['miss_ms']:.0%} of the miss)"
        )
    return speedup, lines


def tables(results):
    out = [
        "| part | Django median / p90 ms | Jinja2 median / p90 ms | speed-up | bytes | queries |",
        "|---|---|---|---|---|---|",
    ]
    for name, part in results["renders"].items():
        d, j = part["django"], part["jinja2"]
        out.append(
            f"| {name} | {d['median_ms']:.2f} / {d['p90_ms']:.2f} | "
            f"{j['median_ms']:.2f} / {j['p90_ms']:.2f} | {part['speedup']:.2f}× | "
            f"{part['bytes']:,} | {part['queries_while_timed']} |"
        )
    out += [
        "",
        "| page miss | median ms (p90) | instrumented | in templates | template engine | SQL "
        "| engine share |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, page in results["misses"].items():
        out.append(
            f"| {name} | {page['miss_ms']} ({page['miss_p90_ms']}) | {page['instrumented_ms']} "
            f"| {page['templates_ms']} | {page['engine_ms']} | {page['sql_ms']} "
            f"| {page['engine_share']:.0%} |"
        )
    out += ["", *results["verdict"]]
    return "\n".join(out)


def main():
    load = os.getloadavg()
    renders = compare_renders(args.iterations)
    misses = page_misses(args.requests)
    speedup, lines = verdict(renders, misses)
    results = {
        "iterations": args.iterations,
        "requests": args.requests,
        "load_before": [round(v, 2) for v in load],
        "load_after": [round(v, 2) for v in os.getloadavg()],
        "jinja2": jinja2.__version__,
        "renders": renders,
        "misses": misses,
        "median_speedup": speedup,
        "verdict": lines,
    }
    results["markdown"] = tables(results)
    print(results["markdown"])
    print(f"load average before {results['load_before']}, after {results['load_after']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
