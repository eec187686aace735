"""The busy day's largest cost, in process: a comment approved, then its story's page.

As bench/scenario_writer.py does it (a held comment created, its thread started, then
`comments.services.comment_moderate`), then the WSGI app asked for the story's page as an
anonymous reader (a page-cache miss: the shell and its comments area are rebuilt around the
kept fragments). CPU ms and queries for the approval and for the rebuilt page, medians over
the scenario's first 20 stories, round after round (the first round apart: the process
draws each thread for the first time, and loads its code). A report, never a test.

    cp -a var/bench/articles-10000 /tmp/copy
    DJANGO_VAR_DIR=/tmp/copy python bench/comment_approval.py [--rounds 5]

It writes comments: run it on a copy of a data set made by bench/busy.py's setup.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import django  # noqa: E402
from profile_paths import call, environ  # noqa: E402  (sets the production environment)

django.setup()

from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from comments.models import Comment  # noqa: E402
from comments.services import comment_moderate  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    scenario = json.loads((Path(os.environ["DJANGO_VAR_DIR"]) / "scenario.json").read_text())
    articles = list(Article.objects.filter(pk__in=scenario["article_ids"][:20]))
    editors = User.objects.filter(is_active=True, groups__permissions__codename="publish_article")
    editor = editors.first() or User.objects.filter(is_superuser=True).first()
    commenter, _ = User.objects.get_or_create(username="bench-commenter")
    app = get_wsgi_application()
    pages = {article.pk: environ(article.get_absolute_url()) for article in articles}
    for env in pages.values():  # every page and fragment built and kept
        call(app, env)
    found = {"approval": [], "page": [], "approval queries": [], "page queries": [], "cold": []}
    for n in range(args.rounds * len(articles)):
        article = articles[n % len(articles)]
        started = time.process_time()
        with CaptureQueriesContext(connection) as approval:
            held = Comment.objects.create(
                article=article, author=commenter, body=f"Bench {n} {time.time()}"
            )
            held.root = held
            held.save(update_fields=["root"])
            comment_moderate(comments=[held], status=Comment.Status.APPROVED, moderator=editor)
        approved = time.process_time()
        with CaptureQueriesContext(connection) as page:
            call(app, pages[article.pk])
        ended = time.process_time()
        if n < len(articles):  # the first time this process draws each story's thread
            found["cold"].append((ended - approved) * 1000)
        else:
            found["approval"].append((approved - started) * 1000)
            found["page"].append((ended - approved) * 1000)
            found["approval queries"].append(len(approval))
            found["page queries"].append(len(page))
    print(f"{len(articles)} stories, {args.rounds - 1} rounds, medians:")
    print(
        f"  a comment created and approved: {statistics.median(found['approval']):.1f} ms CPU, "
        f"{statistics.median(found['approval queries']):.0f} queries"
    )
    print(
        f"  the story's page rebuilt:       {statistics.median(found['page']):.1f} ms CPU, "
        f"{statistics.median(found['page queries']):.0f} queries"
    )
    print(f"  (the first time in this process:  {statistics.median(found['cold']):.1f} ms CPU)")


if __name__ == "__main__":
    main()
