"""What readers see of a live page: the coverage area under the article, the poll answer,
the updates in its JSON-LD, and which page of the stream holds an update.

All of it is shared by every reader and keyed by "live:<article id>" (and the article's
own key): an update rebuilds these and nothing of the article itself. Each costs a fixed
number of queries however many updates the page has.
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import timezone

from articles import access
from shared.cache import cached_fragment, cached_value, depends_on
from shared.keys import live_key, live_page_entry, live_postings_entry
from shared.numbers import positive
from shared.templatetags.datetimes import datetime_attr

from .models import LiveUpdate

PER_PAGE = 20
KEY_POINTS = 12
# The poll answer: the newest updates (a reader who fell further behind reloads), and the
# updates deleted lately, so open pages drop them.
POLL_SIZE = 50
DELETED_WINDOW = timedelta(hours=6)
DELETED_SIZE = 100
# Newest updates listed in the page's JSON-LD.
BLOG_POSTINGS = 10


def page_number(raw):
    return positive((raw or "1")[:8], 1)


def coverage_context(article, number):
    updates = LiveUpdate.objects.of(article).for_display()
    page = Paginator(updates.stream(), PER_PAGE).get_page(number)
    return {
        "article": article,
        "page": page,
        "updates": list(page.object_list),
        "pinned": updates.visible().filter(is_pinned=True).newest_first().first(),
        "key_points": list(
            LiveUpdate.objects.of(article)
            .visible()
            .filter(is_key_point=True)
            .newest_first()[:KEY_POINTS]
        ),
        "poll_url": reverse("live:poll", args=[article.pk]),
        "poll_seconds": settings.LIVE_POLL_SECONDS,
    }


def coverage_html(article, raw_page, request=None):
    """The coverage area of a live page (page `raw_page` of its stream), shared by every
    reader while its updates and the article are unchanged."""
    key = live_key(article.pk)
    depends_on(request, key)
    number = page_number(raw_page)
    return cached_fragment(
        live_page_entry(article.pk, number),
        lambda: render_to_string("live/_coverage.html", coverage_context(article, number)),
        keys=(key, article.cache_key),
    )


def poll_answer(article, entitled=False):
    """The poll endpoint's answer: the same for every reader, so the page cache serves it;
    for a live page behind a wall, updates only for a reader `entitled` to read it."""
    template = get_template("live/_update.html")
    updates = LiveUpdate.objects.of(article).visible().for_display().newest_first()[:POLL_SIZE]
    if not entitled and access.is_withheld(article):
        # A live page behind a wall: its updates are the story.
        updates = []
    since = timezone.now() - DELETED_WINDOW
    deleted = (
        LiveUpdate.objects.of(article)
        .filter(deleted_at__gte=since)
        .order_by("-deleted_at")
        .values_list("pk", flat=True)[:DELETED_SIZE]
    )
    return {
        "ended": not article.is_live,
        "updated": datetime_attr(article.live_latest_at),
        "updates": [
            {
                "id": update.pk,
                "version": update.version,
                "html": template.render({"update": update}),
                "pinned": update.is_pinned,
                "key_point": update.is_key_point,
                "published": datetime_attr(update.published_at),
            }
            for update in updates
        ],
        "deleted": list(deleted),
    }


def blog_postings(article, canonical):
    """The newest updates as schema.org BlogPosting, for the page's LiveBlogPosting; the
    rows are shared data kept while the stream is unchanged (the page's address is not)."""
    key = live_key(article.pk)
    depends_on(None, key)
    if access.is_withheld(article):
        return []  # a live page behind a wall: no update's text in the shared JSON-LD

    def build():
        shown = LiveUpdate.objects.of(article).visible().newest_first()
        return [
            {
                "id": update.pk,
                "headline": update.summary,
                "articleBody": update.text,
                "datePublished": datetime_attr(update.published_at),
                **({"dateModified": datetime_attr(update.edited_at)} if update.edited_at else {}),
            }
            for update in shown.only("pk", "headline", "body_html", "published_at", "edited_at")[
                :BLOG_POSTINGS
            ]
        ]

    postings = cached_value(live_postings_entry(article.pk), build, (key,), always=False)
    return [
        {
            "@type": "BlogPosting",
            **{name: value for name, value in posting.items() if name != "id"},
            "url": f"{canonical}#update-{posting['id']}",
        }
        for posting in postings
    ]


def page_of(update):
    """The page of the stream that shows `update` now (1 for the pinned one)."""
    if update.is_pinned:
        return 1
    newer = (
        LiveUpdate.objects.of(update.article_id)
        .stream()
        .filter(published_at__gte=update.published_at)
        .exclude(published_at=update.published_at, pk__lte=update.pk)
        .count()
    )
    return newer // PER_PAGE + 1
