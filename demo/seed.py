"""Fill the database with an original demo newsroom; safe to run again.

Makes the staff and reader accounts, tops the archive up to `articles` articles and the
conversation up to `comments` comments (ten per article by default), gives the newest
stories a day of reads and makes one featured story a live page with a dozen updates, so a
second run adds nothing. Large numbers go in with bulk inserts: 100,000 articles and
1,000,000 comments take a few minutes.
"""

from articles.models import Article
from comments.models import Comment

from .accounts import ensure_accounts, write_logins
from .archive import create_articles
from .articles import new_rng
from .comments import seed_comments
from .live import seed_live_story
from .pages import seed_pages
from .trending import seed_reads


def seed_demo(*, articles, comments, if_empty, say):
    """`comments=None` means ten per article; `say` gets what the person running the seed
    should read."""
    if if_empty and Article.objects.exists():
        say("The database already has articles; demo content not loaded.")
        return
    logins = ensure_accounts()
    wanted = max(0, articles - Article.objects.count())
    if wanted:
        create_articles(wanted)
    wanted_comments = (10 * articles if comments is None else comments) - Comment.objects.count()
    if wanted_comments > 0:
        published = list(Article.objects.published().latest_first().only("pk", "published_at"))
        seed_comments(articles=published, count=wanted_comments, rng=new_rng())
    seed_reads()
    seed_live_story()
    seed_pages()
    say(
        f"{Article.objects.count()} articles and {Comment.objects.count()} comments "
        "in the database."
    )
    if logins:
        say(write_logins(logins))
