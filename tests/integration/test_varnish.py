"""Varnish in front of gunicorn, purged by key: a comment on one article purges that
article's page and leaves every other page in Varnish. And a members-only story's text is
never in what Varnish serves an anonymous reader, fresh or kept, while its gift link
(`?gift=`) passes through to the app and opens it for that request alone.

Real servers only: gunicorn on its own SQLite site, varnishd running docs/varnish.vcl, and the
comment posted through comments.services in a separate process, as a worker would.
"""

import json

import pytest

from tests.integration.varnish import missing, varnishd
from tests.newsroom.servers import Browser, collect_static, gunicorn, manage, site_env
from tests.pgserver import free_port

pytestmark = [
    pytest.mark.multiserver,
    pytest.mark.skipif(bool(missing()), reason=missing() or ""),
]

SEED = """
import json
from datetime import timedelta
from django.utils import timezone
from accounts.models import User
from articles.models import Article, Category
from tests.database_template import migrate_site
migrate_site()
category = Category.objects.filter(shows_trending=False).order_by("position").first()
User.objects.create_user("rosa", "rosa@example.com", "correct horse battery staple")
urls = {}
for slug in ("ferry-plan", "harbour-fees"):
    article = Article.objects.create(
        headline=f"The {slug.replace('-', ' ')} story", slug=slug, body="The council met.",
        category=category, status="published", published_at=timezone.now() - timedelta(hours=1),
    )
    urls[slug] = article.get_absolute_url()
from memberships.gifts import gift_create, token_for
from memberships.models import AccessRule, Level, Membership, Tier
walled = Article.objects.create(
    headline="The tunnel ledger", slug="tunnel-ledger", category=category, status="published",
    published_at=timezone.now() - timedelta(hours=1),
    body="The council met at dawn.\\n\\nResidents filled the gallery.\\n\\n"
    "The Zephyrquill ledger shows the tunnel money went elsewhere.",
)
AccessRule.objects.create(article=walled, level=Level.MEMBERS)
member = User.objects.create_user("gold", "gold@example.com", "correct horse battery staple")
Membership.objects.create(
    user=member, tier=Tier.objects.create(name="Gold", slug="gold", kind="paid", monthly_price=9)
)
urls["walled"] = walled.get_absolute_url()
urls["gift"] = f"{urls['walled']}?gift={token_for(gift_create(giver=member, article=walled))}"
print(json.dumps(urls))
"""

COMMENT = """
from django.conf import settings
from accounts.models import User
from articles.models import Article
from comments.services import comment_post
settings.COMMENTS_HOLD_FIRST_COMMENT = False  # approved at once, so readers see it
comment_post(article=Article.objects.get(slug="ferry-plan"),
             author=User.objects.get(username="rosa"), body="Ferries every hour, at last.")
"""


SECRET = "Zephyrquill ledger"


def through(edge, path):
    status, headers, html = edge.get(path)
    assert status == 200, f"GET {path} through Varnish answered {status}"
    return headers["X-Edge-Cache"], html


def test_a_comment_purges_its_article_from_varnish_and_nothing_else(tmp_path):
    edge_port = free_port()
    env = site_env(
        tmp_path / "var",
        collect_static(tmp_path / "collected"),
        NEWSROOM_EDGE_PURGE_BACKEND="shared.edge.VarnishPurger",
        NEWSROOM_EDGE_PURGE_URLS=f"http://127.0.0.1:{edge_port}/",
    )
    with gunicorn(env) as app:
        urls = json.loads(manage(env, "shell", "--command", SEED).strip().splitlines()[-1])
        app.wait_until_ready()
        app_port = int(app.base.rsplit(":", 1)[1])
        with varnishd(tmp_path / "varnish", edge_port, app_port):
            edge = Browser(edge_port)
            for url in (urls["ferry-plan"], urls["harbour-fees"]):
                assert through(edge, url)[0] == "miss"
                assert through(edge, url)[0] == "hit", f"Varnish should keep {url}"

            manage(env, "shell", "--command", COMMENT)

            state, html = through(edge, urls["ferry-plan"])
            assert (state, "Ferries every hour, at last." in html) == ("miss", True)
            assert through(edge, urls["harbour-fees"])[0] == "hit", "the other page was purged"
            assert through(edge, urls["ferry-plan"])[0] == "hit"

            # A parameter no page reads is dropped at the edge: the same object answers.
            junk = urls["harbour-fees"] + "?utm_source=mail&v=8231&page_idx=2"
            assert through(edge, junk)[0] == "hit", "an unknown parameter made a new object"

            # A members-only story: the teaser (and the offer) for anonymous readers, and
            # its text neither in the fresh answer nor in the one Varnish kept.
            for state in ("miss", "hit"):
                answer = through(edge, urls["walled"])
                assert answer[0] == state, f"the walled story's teaser page: not a {state}"
                assert "The council met at dawn." in answer[1]
                assert SECRET not in answer[1], f"the story's text on the {state}"
            # Its gift link passes to the app each time, opening it for that request alone;
            # the kept teaser page stays the teaser.
            for _ in range(2):
                state, html = through(edge, urls["gift"])
                assert (state, SECRET in html) == ("miss", True)
            state, html = through(edge, urls["walled"])
            assert (state, SECRET in html) == ("hit", False)
