"""Inside the benchmark's Django: the paywall's pages and a member (bench/paywall.py).

Run as `python bench/paywall_setup.py RESULT.json`. Two published articles past the sixty
the busy day reads (so its figures are unchanged) are given a rule: one metered, one for
members; a paid tier and a member of it with a session made here. Idempotent: a second run
finds what the first made.
"""

import json
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.append(str(BASE_DIR / "bench"))  # after the project: bench/editor.py is not the app
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from scenario_setup import ARTICLES, session_cookie  # noqa: E402

from accounts.models import User  # noqa: E402
from articles.models import Article  # noqa: E402
from memberships.models import AccessRule, Level, Membership, Tier  # noqa: E402


def main():
    metered, walled = Article.objects.published().latest_first()[ARTICLES : ARTICLES + 2]
    for article, level in ((metered, Level.METERED), (walled, Level.MEMBERS)):
        AccessRule.objects.update_or_create(article=article, defaults={"level": level})
    tier, _ = Tier.objects.get_or_create(
        slug="bench-gold", defaults={"name": "Bench Gold", "kind": "paid", "monthly_price": 9}
    )
    member, _ = User.objects.get_or_create(
        username="bench-member", defaults={"display_name": "Bench Member"}
    )
    Membership.objects.get_or_create(user=member, tier=tier)
    result = {
        "metered": metered.get_absolute_url(),
        "walled": walled.get_absolute_url(),
        "member_cookie": session_cookie(member),
    }
    Path(sys.argv[1]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
