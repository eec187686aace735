"""Inside the benchmark's Django: an Editor running the home front on a busy day, until stopped.

Lays out a curated home front (a lead and four top stories from the articles the readers
read), then reorders it every 30 s and sets or clears the breaking-news banner every 60 s,
through the services the admin uses (the first of each right after "ready", so a short run
still has both). After each change it asks the server for the home page, as the next
reader would, until the page shows the change: the design (docs/architecture.md, "Fronts
and the breaking-news banner") is that the server's next answer shows it, and a browser or
the edge may keep a page no longer than `PAGE_CACHE_MAX_AGE` (60 s). So it counts the
changes seen at the first request after the commit, those seen later within that lifetime
(with the longest wait), and those not seen within it, as the live scenario counts each
update at its first poll. Prints "ready", then a JSON summary when it gets SIGTERM.

`python bench/scenario_fronts.py BASE_URL SETUP.json`; `--lay-out` only lays out the home
front with the five newest stories (bench/run.py's cold home page with curated zones) and
`--clear` empties it again; `--lay-out-for SETUP.json` only lays out the Editor's first
layout (bench/busy.py, before its quiet run, so quiet and busy read the same home page).
"""

import contextlib
import json
import os
import signal
import sys
import threading
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.utils.html import escape  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from fronts import versions  # noqa: E402
from fronts.models import Front  # noqa: E402
from fronts.services import NothingChanged, banner_clear, banner_set, save_layout  # noqa: E402

REORDER_EVERY, BANNER_EVERY = 30.0, 60.0
BANNER = "Bench breaking news"
stopping = threading.Event()


def home_page(base):
    with urllib.request.urlopen(base + "/", timeout=10) as response:
        return response.read().decode()


def layout(stories):
    def placed(story):
        return {"article": story.pk, "headline": f"Front: {story.headline}"}

    return {
        "zones": [
            {"kind": "lead", "size": 1, "placements": [placed(stories[0])]},
            {"kind": "top", "size": 4, "placements": [placed(s) for s in stories[1:]]},
        ]
    }


def leads(stories):
    """The home page shows this order: the lead's front headline first of all five."""
    first = escape(f"Front: {stories[0].headline}")

    def check(html):
        found = [html.find(escape(f"Front: {story.headline}")) for story in stories]
        return -1 not in found and html.find(first) == min(found)

    return check


def seen(base, check, counts, lifetime):
    """Ask as the next reader would until the page shows the change, or the lifetime ends."""
    committed = time.monotonic()
    if check(home_page(base)):
        counts["at_once"] += 1
        return
    while time.monotonic() - committed < lifetime:
        time.sleep(0.5)
        if check(home_page(base)):
            counts["later"] += 1
            counts["longest_wait_s"] = max(counts["longest_wait_s"], time.monotonic() - committed)
            return
    counts["not_seen"] += 1


def the_editor():
    # An Editor of the seeded newsroom (their group may change fronts and set the banner).
    editors = User.objects.filter(is_active=True, is_staff=True)
    editor = (
        editors.filter(groups__permissions__codename="change_front")
        .filter(groups__permissions__codename="set_banner")
        .first()
        or editors.filter(is_superuser=True).first()
    )
    return editor


def lay_out_only(mode):
    editor, front = the_editor(), Front.objects.get_or_create(category=None)[0]
    stories = list(Article.objects.published().order_by("-published_at")[:5])
    chosen = layout(stories) if mode == "--lay-out" else {"zones": []}
    with contextlib.suppress(NothingChanged):  # laid out (or cleared) so already
        save_layout(front=front, layout=chosen, user=editor)


def first_layout(setup_file, editor):
    """The Editor's first layout of the home front (the stories the readers read), saved
    unless it is the one up already (laid out before the quiet run: no change to see)."""
    setup = json.loads(Path(setup_file).read_text())
    stories = list(Article.objects.published().filter(pk__in=setup["article_ids"])[:5])
    front, _ = Front.objects.get_or_create(category=None)
    if versions.snapshot(front) != versions.clean(layout(stories)):
        save_layout(front=front, layout=layout(stories), user=editor)
    return front, stories


def main():
    if sys.argv[1] in ("--lay-out", "--clear"):
        return lay_out_only(sys.argv[1])
    if sys.argv[1] == "--lay-out-for":
        return first_layout(sys.argv[2], the_editor())
    base = sys.argv[1]
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    editor = the_editor()
    front, stories = first_layout(sys.argv[2], editor)
    lifetime = settings.PAGE_CACHE_MAX_AGE
    counts = {"reorders": 0, "banners_set": 0, "banners_cleared": 0}
    counts |= {"at_once": 0, "later": 0, "not_seen": 0, "longest_wait_s": 0.0}
    next_reorder = next_banner = time.monotonic() + 1
    print("ready", flush=True)
    while not stopping.wait(max(0.0, min(next_reorder, next_banner) - time.monotonic())):
        if time.monotonic() >= next_reorder:
            stories = stories[1:] + stories[:1]
            save_layout(front=front, layout=layout(stories), user=editor)
            counts["reorders"] += 1
            seen(base, leads(stories), counts, lifetime)
            next_reorder += REORDER_EVERY
        if time.monotonic() >= next_banner:
            if (counts["banners_set"] + counts["banners_cleared"]) % 2 == 0:
                banner_set(user=editor, text=f"{BANNER} {counts['banners_set']}")
                text = f"{BANNER} {counts['banners_set']}"
                counts["banners_set"] += 1
                seen(base, lambda html, text=text: text in html, counts, lifetime)
            else:
                banner_clear(user=editor)
                counts["banners_cleared"] += 1
                seen(base, lambda html: BANNER not in html, counts, lifetime)
            next_banner += BANNER_EVERY
    counts["longest_wait_s"] = round(counts["longest_wait_s"], 1)
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main()
