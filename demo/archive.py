"""The demo archive: articles with bylines, tags and pictures, in bulk inserts so 100,000
take minutes.

The demo is whatever the seeded generator draws, in the order it draws it: a reordered
draw changes every headline, body and picture after it, so keep the order of the calls on
`rng` when changing this file.
"""

from datetime import timedelta
from itertools import cycle

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from accounts.models import User
from articles.body import render_body
from articles.models import Article, Category, Image
from search.index import index_articles

from . import pictures
from .accounts import WRITERS
from .articles import Headlines, body_for, new_rng, standfirst_for, tags_for

BATCH = 1000
# Of every 22 stories, 18 are out and one is scheduled; the rest show the workflow.
STATUSES = [Article.Status.PUBLISHED] * 18 + [
    Article.Status.DRAFT,
    Article.Status.IN_REVIEW,
    "scheduled",
    Article.Status.ARCHIVED,
]


@transaction.atomic
def create_articles(count):
    """Add `count` articles after those already there, numbering their slugs on."""
    rng = new_rng(seed=Article.objects.count() + 2026)
    categories = list(Category.objects.filter(shows_trending=False))
    writers = list(User.objects.filter(username__in=WRITERS))
    images = ensure_images(rng, categories)
    bodies = [render_pair(body_for(rng)) for _ in range(40)]
    rendered = {}  # (body, picture) -> the pair, rendered once
    now = timezone.now()
    # Demo archives grow ~2 stories an hour; large ones stretch back years.
    spacing = timedelta(minutes=30) if count < 1000 else timedelta(minutes=20)
    start = Article.objects.count()
    statuses = cycle(STATUSES)
    pending_tags, pending_authors = [], []
    headlines = Headlines(rng, Article.objects.values_list("headline", flat=True))
    for offset in range(0, count, BATCH):
        batch = []
        for index in range(offset, min(count, offset + BATCH)):
            category = categories[index % len(categories)]
            headline = headlines.next(category.slug)
            body, body_html = rng.choice(bodies)
            if index % 7 == 3:  # no draw from rng: the rest of the demo stays as it was
                body, body_html = with_picture(body, images[category.pk][-1], rendered)
            status = next(statuses)
            published_at = now - spacing * index - timedelta(minutes=rng.randint(0, 20))
            status, published_at = publication(status, published_at, now=now, index=index)
            batch.append(
                Article(
                    headline=headline,
                    slug=f"{slugify(headline)[:180]}-{start + index + 1}",
                    standfirst=standfirst_for(rng),
                    body=body,
                    body_html=body_html,
                    category=category,
                    featured_image=rng.choice(images[category.pk]),
                    status=status,
                    published_at=published_at,
                    is_featured=index < 5,
                    feature_position=min(index, 32767),  # a small integer: PostgreSQL holds no more
                )
            )
        for article in Article.objects.bulk_create(batch):
            pending_authors.extend(draw_bylines(rng, article, writers))
            names = tags_for(rng, article.category.slug)
            pending_tags.extend((article.pk, name) for name in names)
    link_authors(pending_authors)
    link_tags(pending_tags)
    # Bulk inserts send no signals: index the new articles for search in one pass.
    index_articles({article_id for article_id, _ in pending_authors})


def publication(status, published_at, *, now, index):
    """The stored status and publication time: a scheduled story is a published one due
    within two days, and drafts and stories in review have no time yet."""
    if status == "scheduled":
        return Article.Status.PUBLISHED, now + timedelta(hours=index % 47 + 1)
    if status in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
        return status, None
    return status, published_at


def draw_bylines(rng, article, writers):
    """(article id, writer id) pairs: one writer, and a second on about one story in seven."""
    pairs = [(article.pk, rng.choice(writers).pk)]
    if rng.random() < 0.15:
        pairs.append((article.pk, rng.choice(writers).pk))
    return pairs


def link_authors(pairs):
    through = Article.authors.through
    rows = {(article_id, user_id) for article_id, user_id in pairs}
    through.objects.bulk_create(
        [through(article_id=a, user_id=u) for a, u in rows],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def link_tags(pairs):
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


def ensure_images(rng, categories):
    """Two pictures per category in different styles, each with its own alt text and
    caption, made once (renditions are the slow part of a seed, so not more)."""
    images = {}
    for category in categories:
        planned = pictures.pictures_for(category)
        found = {
            image.caption: image
            for image in Image.objects.filter(caption__in=[c for *_, c in planned])
        }
        for style, alt_text, caption in planned:
            if caption not in found:
                data = pictures.picture_bytes(rng, category.slug, style=style)
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


def with_picture(body, picture, rendered):
    """The body with one of its category's pictures after the third paragraph, where a
    reporter would place one (a story in seven has one): the body's copies of it, sized for
    each screen, are in the demo then."""
    key = (body, picture.pk)
    if key not in rendered:
        parts = body.split("\n\n")
        parts.insert(3, f"[[image {picture.pk}]]")
        rendered[key] = render_pair("\n\n".join(parts))
    return rendered[key]
