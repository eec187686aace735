"""Inside the benchmark's Django: members and their stories for bench/busy_members.py.

Run as `python bench/members_setup.py RESULT.json`. Twenty published articles past the
sixty the busy day reads and the two bench/paywall.py walls (so neither's figures change)
are given a rule, ten for members and ten metered; MEMBERS readers belong to a paid tier,
each with a session made here. Idempotent: a second run finds what the first made.
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

FIRST = ARTICLES + 2  # past bench/paywall.py's metered and walled articles
EACH = 10
MEMBERS = 30


def main():
    articles = list(Article.objects.published().latest_first()[FIRST : FIRST + 2 * EACH])
    if len(articles) < 2 * EACH:
        sys.exit(f"busy with members needs {FIRST + 2 * EACH} published articles")
    walled, metered = articles[:EACH], articles[EACH:]
    for group, level in ((walled, Level.MEMBERS), (metered, Level.METERED)):
        for article in group:
            AccessRule.objects.update_or_create(article=article, defaults={"level": level})
    tier, _ = Tier.objects.get_or_create(
        slug="bench-gold", defaults={"name": "Bench Gold", "kind": "paid", "monthly_price": 9}
    )
    cookies = []
    for number in range(MEMBERS):
        member, _ = User.objects.get_or_create(
            username=f"bench-member-{number}", defaults={"display_name": f"Member {number}"}
        )
        Membership.objects.get_or_create(user=member, tier=tier)
        cookies.append(session_cookie(member))
    result = {
        "walled": [a.get_absolute_url() for a in walled],
        "metered": [a.get_absolute_url() for a in metered],
        "cookies": cookies,
    }
    Path(sys.argv[1]).write_text(json.dumps(result))


if __name__ == "__main__":
    main()
