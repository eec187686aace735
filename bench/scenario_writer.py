"""Inside the benchmark's Django: a newsroom on a busy day, until it is stopped.

Approves a comment every 0.5 s and corrects an article every 4 s, on the articles the
readers are reading, each through the services the site uses. After each write it asks the
server for the page that shows it and counts any answer that does not show it yet (a stale
page after the write committed). Prints a JSON summary when it gets SIGTERM.

`python bench/scenario_writer.py BASE_URL SETUP.json`
"""

import json
import os
import random
import signal
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from articles.services import correction_add  # noqa: E402
from comments.models import Comment  # noqa: E402
from comments.services import comment_moderate  # noqa: E402

COMMENT_EVERY, CORRECTION_EVERY = 0.5, 4.0
running = True


def stop(*_):
    global running
    running = False


def shows(base, path, text):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return text in response.read().decode()


def main():
    base, setup = sys.argv[1], json.loads(Path(sys.argv[2]).read_text())
    signal.signal(signal.SIGTERM, stop)
    articles = list(Article.objects.filter(pk__in=setup["article_ids"]))
    editors = User.objects.filter(is_active=True, groups__permissions__codename="publish_article")
    editor = editors.first() or User.objects.filter(is_superuser=True).first()
    commenter, _ = User.objects.get_or_create(username="bench-commenter")
    rng = random.Random(7)
    counts = {"comments": 0, "corrections": 0, "checked": 0, "stale": 0}
    next_correction = time.monotonic() + CORRECTION_EVERY
    print("ready", flush=True)  # the readers are measured from here on
    while running:
        started = time.monotonic()
        article = rng.choice(articles)
        text = f"Busy-day comment {counts['comments']} at {time.time():.3f}"
        held = Comment.objects.create(
            article=article, author=commenter, body=text, status=Comment.Status.PENDING
        )
        held.root = held  # a new thread, as comment_post starts one
        held.save(update_fields=["root"])
        comment_moderate(comments=[held], status=Comment.Status.APPROVED, moderator=editor)
        counts["comments"] += 1
        counts["checked"] += 1
        counts["stale"] += not shows(base, article.get_absolute_url(), text)
        if time.monotonic() >= next_correction:
            article = rng.choice(articles)
            note = f"Correction {counts['corrections']} at {time.time():.3f}"
            correction_add(article=article, user=editor, note=note)
            counts["corrections"] += 1
            counts["checked"] += 1
            counts["stale"] += not shows(base, article.get_absolute_url(), note)
            next_correction += CORRECTION_EVERY
        time.sleep(max(0, COMMENT_EVERY - (time.monotonic() - started)))
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
