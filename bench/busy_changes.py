"""Busy day, in process: what one change costs the readers' hits afterwards.

The WSGI app called in a loop over the busy scenario's pages (bench/busy.py), all warm,
then again after each kind of change the busy day makes, with the change named straight
to the change marks (`content_changed`), no write in the database: what the readers'
requests pay for the change alone. CPU ms per round of every page, the median of rounds:

- none: every page a hit (the quiet run);
- elsewhere: a key no page shows (every entry's keys are checked again once);
- comment: one article's comment thread (that page's shell is rebuilt);
- edit: one article (its page and every listing showing its card: an edit of the story);
- correction: one article's corrections (its page and feeds; a correction marked the
  article, as an edit does, until December 2026);
- front: the home front's layout;
- banner: the breaking-news banner.

    DJANGO_VAR_DIR=/tmp/bench-copy python bench/busy_changes.py [--rounds 15]

Needs a data set with bench/busy.py's scenario.json (a copy: the pages are stored).
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

from shared.cache import content_changed  # noqa: E402
from shared.keys import BANNER, article_key, comments_key, corrections_key, front_key  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    scenario = json.loads((Path(os.environ["DJANGO_VAR_DIR"]) / "scenario.json").read_text())
    paths, ids = scenario["paths"], scenario["article_ids"]
    app = get_wsgi_application()
    envs = [environ(path) for path in paths]

    def round_ms():
        started = time.process_time()
        for env in envs:
            call(app, env)
        return (time.process_time() - started) * 1000

    changes = {
        "none": lambda n: None,
        "elsewhere": lambda n: content_changed(article_key(0)),
        "comment": lambda n: content_changed(comments_key(ids[n % len(ids)])),
        "edit": lambda n: content_changed(article_key(ids[n % len(ids)])),
        "correction": lambda n: content_changed(corrections_key(ids[n % len(ids)])),
        "front": lambda n: content_changed(front_key()),
        "banner": lambda n: content_changed(BANNER),
    }
    for _ in range(2):
        round_ms()  # templates loaded, every page and shell stored
    found = {}
    for name, change in changes.items():
        times = []
        for n in range(args.rounds):
            change(n)
            times.append(round_ms())
        found[name] = statistics.median(times)
    base = found["none"]
    print(f"{len(paths)} pages, CPU ms per round of all (median of {args.rounds} rounds):")
    for name, ms in found.items():
        print(f"  {name:10} {ms:7.1f} ms  (+{ms - base:5.1f} ms for the change)")


if __name__ == "__main__":
    main()
