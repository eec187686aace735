"""Inside the benchmark's Django: a journalist posting to the live page until stopped.

Posts an update every POST_EVERY seconds through the live app's service and prints, for
each, the id and the time its transaction committed, one JSON line each; bench/live_coverage.py's
readers report when each of them first saw it.

`python bench/live_journalist.py SETUP.json SECONDS_BETWEEN_POSTS`
"""

import json
import os
import signal
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from live.services import post_update  # noqa: E402

running = True


def stop(*_):
    global running
    running = False


def main():
    setup, every = json.loads(Path(sys.argv[1]).read_text()), float(sys.argv[2])
    signal.signal(signal.SIGTERM, stop)
    editor = User.objects.get(pk=setup["editor_id"])
    article = Article.objects.get(pk=setup["article_id"])
    print("ready", flush=True)
    number = 0
    next_post = time.monotonic() + every / 2
    while running:
        if time.monotonic() < next_post:
            time.sleep(0.1)
            continue
        number += 1
        update = post_update(article=article, user=editor, body=f"Breaking: development {number}.")
        print(json.dumps({"id": update.pk, "committed": time.time()}), flush=True)
        next_post += every


if __name__ == "__main__":
    main()
