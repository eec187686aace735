import pytest
from django.core.management import call_command

from accounts.models import User
from articles.models import Article, Category
from articles.search import search_articles
from comments.models import Comment

pytestmark = pytest.mark.django_db


def test_the_demo_newsroom_fills_every_category_and_says_how_to_log_in(capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=40, comments=60)
    printed = capsys.readouterr().out
    for username in ("amara", "lucas", "mei", "sofia", "reader"):
        assert f" {username} " in printed
        assert User.objects.get(username=username).has_usable_password()
    assert "password:" in (tmp_path / "demo_logins.txt").read_text()
    filed = Category.objects.filter(shows_trending=False)
    assert all(Article.objects.published().filter(category=c).exists() for c in filed)
    assert Article.objects.filter(status=Article.Status.DRAFT).exists()
    assert (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .exclude(pk__in=Article.objects.published())
        .exists()
    ), "some pieces are scheduled for later"
    assert Comment.objects.approved().count() == 60
    assert Comment.objects.filter(parent__isnull=False).exists()
    assert search_articles(["harbour"]).count() > 0
    [live] = Article.objects.filter(live_started_at__isnull=False)
    assert live.is_published and live.is_featured and live.is_live
    assert live.live_updates.count() == 13 and live.live_updates.filter(is_pinned=True).exists()


def test_running_the_demo_again_adds_nothing(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=30, comments=20, verbosity=0)
    counts = (User.objects.count(), Article.objects.count(), Comment.objects.count())
    call_command("seed_demo", articles=30, comments=20, verbosity=0)
    assert (User.objects.count(), Article.objects.count(), Comment.objects.count()) == counts


def test_if_empty_leaves_a_database_with_articles_alone(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=5, comments=0, verbosity=0)
    call_command("seed_demo", articles=50, if_empty=True, verbosity=0)
    assert Article.objects.count() == 5


def test_the_demo_leaves_trending_news_with_stories_and_keeps_real_reads(
    client, settings, tmp_path
):
    from django.utils.html import escape

    from articles.models import ArticleReadCount
    from articles.trending import trending_articles

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=30, comments=0, verbosity=0)
    ranked = trending_articles(limit=5)
    assert len(ranked) == 5
    trending = Category.objects.get(shows_trending=True)
    html = client.get(trending.get_absolute_url()).content.decode()
    assert escape(ranked[0].headline) in html and "Nothing is trending yet" not in html
    reads = sorted(ArticleReadCount.objects.values_list("pk", "reads"))
    call_command("seed_demo", articles=30, comments=0, verbosity=0)
    assert sorted(ArticleReadCount.objects.values_list("pk", "reads")) == reads


def test_the_demo_reads_like_a_newsroom_not_a_template(settings, tmp_path):
    from articles.models import Image

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=48, comments=120, verbosity=0)
    articles = list(Article.objects.values_list("headline", "standfirst"))
    headlines = {headline for headline, _ in articles}
    standfirsts = {standfirst for _, standfirst in articles}
    assert len(headlines) >= 45
    assert len(standfirsts) >= 24, "the same standfirst on every story"
    # Headlines take different shapes, not one subject-verb-object pattern.
    assert any(h.startswith(("Why ", "How ", "In ", "Analysis: ", "“")) for h in headlines)
    bodies = set(Comment.objects.filter(parent__isnull=True).values_list("body", flat=True))
    assert len(bodies) >= 40, "identical comments under every story"
    styles = {
        alt.split(" in the colours")[0] for alt in Image.objects.values_list("alt_text", flat=True)
    }
    assert len(styles) >= 3, "one picture style everywhere"
