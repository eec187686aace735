"""Inside the benchmark's Django: a story made a live page with thirty updates.

Run by bench/live_coverage.py: `python bench/live_setup.py RESULT.json`. Writes the live page's
address, its poll endpoint and the id of the newest update.
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

from django.contrib.auth.models import Group  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from live.models import LiveUpdate  # noqa: E402
from live.services import post_update, start_coverage  # noqa: E402

UPDATES = 30


def live_editor():
    editor, _ = User.objects.get_or_create(
        username="bench-live-editor", defaults={"display_name": "Bench Live Desk"}
    )
    editor.groups.add(Group.objects.get(name="Editor"))
    return User.objects.get(pk=editor.pk)  # permissions read afresh


def main():
    editor = live_editor()
    article = Article.objects.published().latest_first().first()
    if not article.is_live:
        start_coverage(article=article, user=editor)
        article.refresh_from_db()
    for number in range(LiveUpdate.objects.filter(article=article).count(), UPDATES):
        post_update(article=article, user=editor, body=f"Update {number + 1} from the scene.")
    newest = LiveUpdate.objects.filter(article=article).order_by("-pk").first()
    result = {
        "page": article.get_absolute_url(),
        "poll": reverse("live:poll", args=[article.pk]),
        "article_id": article.pk,
        "editor_id": editor.pk,
        "newest": newest.pk,
    }
    Path(sys.argv[1]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
