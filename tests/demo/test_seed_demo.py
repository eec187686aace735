import pytest
from django.core.management import call_command

from accounts.models import User
from articles.models import Article, Category
from comments.models import Comment
from search.query import search_articles

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


def test_every_demo_picture_has_its_own_description_and_caption(settings, tmp_path):
    from articles.models import Image

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=30, comments=0, verbosity=0)
    pictures = list(Image.objects.values_list("alt_text", "caption"))
    alts = [alt for alt, _ in pictures]
    assert all(alt.strip() for alt in alts)
    assert len(set(alts)) == len(alts)
    # Not one sentence with the section's name swapped in: each says what it shows.
    names = Category.objects.values_list("name", flat=True)
    wording = set()
    for alt in alts:
        for name in names:
            alt = alt.replace(name, "")
        wording.add(alt)
    assert len(wording) == len(alts), "near-identical alt texts"
    captions = [caption for _, caption in pictures]
    assert all(captions) and len(set(captions)) == len(captions)


def test_no_two_demo_articles_share_a_headline(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", comments=0, verbosity=0)
    headlines = list(Article.objects.values_list("headline", flat=True))
    repeated = {h for h in headlines if headlines.count(h) > 1}
    assert len(headlines) == 72 and not repeated, repeated
    # Nor one story told twice in another shape ("Why X" beside "X").
    clauses = [story_of(headline) for headline in headlines]
    retold = {c for c in clauses if c and clauses.count(c) > 1}
    assert not retold, retold


def story_of(headline):
    """The subject, verb and object of a demo headline, whatever its shape."""
    from demo.articles import CATEGORY_TOPICS

    lowered = headline.lower()
    for subjects, verbs, objects in CATEGORY_TOPICS.values():
        for subject in subjects:
            for verb in verbs:
                for obj in objects:
                    if f"{subject} {verb} {obj}".lower() in lowered:
                        return f"{subject} {verb} {obj}"
    return None


def test_the_live_demo_story_and_its_updates_are_about_the_same_storm(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=24, comments=0, verbosity=0)
    live = Article.objects.get(live_started_at__isnull=False)
    assert "storm" in live.headline.lower() and "storm" in live.body.lower()
    first = live.live_updates.order_by("published_at").first()
    assert "storm" in first.body.lower()
    assert "storm" in live.category.name.lower() or live.category.slug == "environment"
    assert live.featured_image.caption.startswith("Rough water")


def test_the_demo_has_about_ethics_and_corrections_pages_in_the_footer(client, settings, tmp_path):
    import json

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=12, comments=0, verbosity=0)
    home = client.get("/").content.decode()
    footer = home[home.index('<footer class="site-footer"') :]
    for address, title in [
        ("/about/", "About us"),
        ("/about/ethics/", "Ethics policy"),
        ("/about/corrections/", "Corrections policy"),
    ]:
        response = client.get(address)
        assert response.status_code == 200 and title in response.content.decode()
        assert f'<a href="{address}">{title}</a>' in footer
    # The publisher's JSON-LD names them as its policies.
    article = Article.objects.published().latest_first().first()
    html = client.get(article.get_absolute_url()).content.decode()
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    data = json.loads(html[start : html.index("</script>", start)])
    publisher = data["publisher"]
    assert publisher["ethicsPolicy"].endswith("/about/ethics/")
    assert publisher["correctionsPolicy"].endswith("/about/corrections/")
    assert publisher["masthead"].endswith("/about/")


def test_running_the_demo_again_adds_no_second_about_page(settings, tmp_path):
    from articles.models import Image
    from pages.models import Page

    settings.VAR_DIR = tmp_path
    call_command("seed_demo", articles=12, comments=0, verbosity=0)
    counts = (Page.objects.count(), Image.objects.count())
    call_command("seed_demo", articles=24, comments=0, verbosity=0)
    assert (Page.objects.count(), Image.objects.count()) == counts == (3, 24)
