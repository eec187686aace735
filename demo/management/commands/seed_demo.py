"""Fill the database with an original demo newsroom; safe to run again.

`seed_demo` makes the staff and reader accounts, tops the archive up to `--articles`
articles (72 by default) and the conversation up to `--comments` comments (ten per
article by default), and makes one featured story a live page with a dozen updates, so a
second run adds nothing. Large numbers go in with bulk inserts:
100,000 articles and 1,000,000 comments take a few minutes. It lives in its own app,
`demo`, because it fills every app.
"""

import secrets
from datetime import timedelta
from itertools import cycle

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from accounts.models import User
from articles.body import render_body
from articles.models import Article, ArticleReadCount, Category, Image
from articles.search_index import index_articles
from articles.trending import hour_of
from comments.models import Comment
from demo import articles as demo_content
from demo import live as live_demo
from demo import pictures as demo_pictures
from demo.comments import seed_comments
from demo.live import seed_live_page
from demo.pages import seed_pages

STAFF = [
    # username, display name, role, bio
    ("amara", "Amara Okafor", "writer", "Covers business and the economy from the harbour desk."),
    ("lucas", "Lucas Brennan", "writer", "Science and environment correspondent."),
    ("mei", "Mei Tanaka", "writer", "Culture, sport and the stories in between."),
    ("sofia", "Sofia Marquez", "editor", "Managing editor. Reads every word before you do."),
    ("reader", "Riley Reader", "reader", ""),
]
BATCH = 1000


class Command(BaseCommand):
    help = "Create demo categories' articles, staff and reader accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=72, help="Total articles wanted (default 72)."
        )
        parser.add_argument(
            "--comments",
            type=int,
            default=None,
            help="Total comments wanted (default: ten per article).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any article exists."
        )

    def handle(self, *args, articles, comments, if_empty, **options):
        self.verbosity = options["verbosity"]
        if if_empty and Article.objects.exists():
            self.say("The database already has articles; demo content not loaded.")
            return
        logins = self.ensure_accounts()
        wanted = max(0, articles - Article.objects.count())
        if wanted:
            self.create_articles(wanted)
        wanted_comments = (
            10 * articles if comments is None else comments
        ) - Comment.objects.count()
        if wanted_comments > 0:
            published = list(Article.objects.published().latest_first().only("pk", "published_at"))
            seed_comments(articles=published, count=wanted_comments, rng=demo_content.new_rng())
        self.seed_reads()
        self.seed_live_page()
        seed_pages()
        self.say(
            f"{Article.objects.count()} articles and {Comment.objects.count()} comments "
            "in the database."
        )
        if logins:
            self.report_logins(logins)

    def say(self, text):
        if self.verbosity:
            self.stdout.write(text)

    def ensure_accounts(self):
        created = []
        for username, name, role, bio in STAFF:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(9)
            first, last = name.split(" ", 1)
            user = User.objects.create_user(
                username=username,
                email=f"{username}@newsroom.example",
                password=password,
                first_name=first,
                last_name=last,
                display_name=name,
                bio=bio,
                is_staff=role != "reader",
            )
            self.grant_role(user, role)
            created.append((role, username, password))
        return created

    def grant_role(self, user, role):
        # The editorial groups come from accounts' migration 0002 (Writer, Editor).
        groups = {"writer": "Writer", "editor": "Editor"}
        if role in groups:
            user.groups.add(Group.objects.get(name=groups[role]))

    def report_logins(self, logins):
        lines = ["  Demo logins (admin at /admin/, readers log in at /accounts/login/):"]
        lines += [
            f"    {role:<7} {username:<8} password: {password}"
            for role, username, password in logins
        ]
        text = "\n".join(lines) + "\n"
        (settings.VAR_DIR / "demo_logins.txt").write_text(text)
        self.say(text)

    @transaction.atomic
    def create_articles(self, count):
        rng = demo_content.new_rng(seed=Article.objects.count() + 2026)
        categories = list(Category.objects.filter(shows_trending=False))
        writers = list(User.objects.filter(username__in=["amara", "lucas", "mei"]))
        images = self.ensure_images(rng, categories)
        bodies = [render_pair(demo_content.body_for(rng)) for _ in range(40)]
        now = timezone.now()
        # Demo archives grow ~2 stories an hour; large ones stretch back years.
        spacing = timedelta(minutes=30) if count < 1000 else timedelta(minutes=20)
        start = Article.objects.count()
        statuses = cycle(
            [Article.Status.PUBLISHED] * 18
            + [Article.Status.DRAFT, Article.Status.IN_REVIEW, "scheduled", Article.Status.ARCHIVED]
        )
        pending_tags, pending_authors = [], []
        headlines = demo_content.Headlines(rng, Article.objects.values_list("headline", flat=True))
        for offset in range(0, count, BATCH):
            batch = []
            for index in range(offset, min(count, offset + BATCH)):
                category = categories[index % len(categories)]
                headline = headlines.next(category.slug)
                body, body_html = rng.choice(bodies)
                status = next(statuses)
                published_at = now - spacing * index - timedelta(minutes=rng.randint(0, 20))
                if status == "scheduled":
                    status = Article.Status.PUBLISHED
                    published_at = now + timedelta(hours=index % 47 + 1)
                elif status in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
                    published_at = None
                batch.append(
                    Article(
                        headline=headline,
                        slug=f"{slugify(headline)[:180]}-{start + index + 1}",
                        standfirst=demo_content.standfirst_for(rng),
                        body=body,
                        body_html=body_html,
                        category=category,
                        featured_image=rng.choice(images[category.pk]),
                        status=status,
                        published_at=published_at,
                        is_featured=index < 5,
                        feature_position=index,
                    )
                )
            created = Article.objects.bulk_create(batch)
            for article in created:
                pending_authors.append((article.pk, rng.choice(writers).pk))
                if rng.random() < 0.15:
                    pending_authors.append((article.pk, rng.choice(writers).pk))
                names = demo_content.tags_for(rng, article.category.slug)
                pending_tags.extend((article.pk, name) for name in names)
        self.link_authors(pending_authors)
        self.link_tags(pending_tags)
        # Bulk inserts send no signals: index the new articles for search in one pass.
        index_articles({article_id for article_id, _ in pending_authors})

    def seed_reads(self, stories=24):
        """Reads for the newest stories over the last day, so Trending News is not empty on
        a fresh demo. Only when the trending window holds no reads at all: real readers'
        counts are never touched, and a second run adds nothing."""
        now = timezone.now()
        window_start = hour_of(now) - timedelta(hours=47)
        if ArticleReadCount.objects.filter(hour__gte=window_start).exists():
            return
        rng = demo_content.new_rng(seed=7)
        newest = Article.objects.published().latest_first().values_list("pk", "published_at")
        rows = []
        for rank, (pk, published_at) in enumerate(newest[:stories]):
            # A few stories draw most readers, as on any news site.
            popularity = 400 / (rank + 1) ** 0.8
            first_hour = max(hour_of(published_at), hour_of(now) - timedelta(hours=23))
            hour = first_hour
            while hour <= now:
                reads = int(popularity * rng.uniform(0.3, 1.2))
                if reads:
                    rows.append(ArticleReadCount(article_id=pk, hour=hour, reads=reads))
                hour += timedelta(hours=1)
        ArticleReadCount.objects.bulk_create(rows, ignore_conflicts=True)

    def seed_live_page(self):
        """The second newest featured story becomes a live page, once (not the newest: the
        benchmarks read that one as an ordinary article)."""
        if Article.objects.filter(live_started_at__isnull=False).exists():
            return
        featured = Article.objects.published().filter(is_featured=True).latest_first()[1:2]
        editor = User.objects.filter(username="sofia").first()
        if featured and editor is not None:
            section = Category.objects.filter(slug=live_demo.SECTION).first()
            caption = demo_pictures.caption_for(live_demo.SECTION, "waves")
            picture = Image.objects.filter(caption=caption).first()
            seed_live_page(article=featured[0], editor=editor, section=section, picture=picture)

    def link_authors(self, pairs):
        through = Article.authors.through
        rows = {(article_id, user_id) for article_id, user_id in pairs}
        through.objects.bulk_create(
            [through(article_id=a, user_id=u) for a, u in rows],
            batch_size=BATCH,
            ignore_conflicts=True,
        )

    def link_tags(self, pairs):
        names = {name for _, name in pairs}
        for name in names:
            Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})
        tag_ids = dict(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        content_type = ContentType.objects.get_for_model(Article)
        TaggedItem.objects.bulk_create(
            [
                TaggedItem(content_type=content_type, object_id=article_id, tag_id=tag_ids[name])
                for article_id, name in pairs
            ],
            batch_size=BATCH,
            ignore_conflicts=True,
        )

    def ensure_images(self, rng, categories):
        """Two pictures per category in different styles, each with its own alt text and
        caption, made once (renditions are the slow part of a seed, so not more)."""
        images = {}
        for category in categories:
            planned = demo_pictures.pictures_for(category)
            found = {
                image.caption: image
                for image in Image.objects.filter(caption__in=[c for *_, c in planned])
            }
            for style, alt_text, caption in planned:
                if caption not in found:
                    data = demo_pictures.picture_bytes(rng, category.slug, style=style)
                    found[caption] = Image.objects.create(
                        file=ContentFile(data, name=f"demo-{category.slug}-{style}.jpg"),
                        alt_text=alt_text,
                        caption=caption,
                        credit="Newsroom demo art",
                    )
            images[category.pk] = [found[caption] for *_, caption in planned]
        return images


def render_pair(body):
    return body, render_body(body)
