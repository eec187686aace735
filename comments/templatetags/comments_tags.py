import functools
import threading
from collections import OrderedDict

from django import template
from django.core.paginator import Paginator
from django.db.models import Count, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from comments import conf
from comments.models import Comment, comments_are_open
from comments.personal import actions_marker
from shared import personal
from shared.cache import cached_fragment, depends_on
from shared.keys import comments_key, comments_page_entry
from shared.numbers import positive
from shared.prepared import PreparedQuery

register = template.Library()

PAGE_PARAM = "comments_page"


def _counts(article):
    return Comment.objects.filter(article=article).aggregate(**_count_expressions())


def _count_expressions():
    return {
        "approved": Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        "threads": Count("pk", filter=Q(parent__isnull=True) & Comment.shown_in_threads_q()),
    }


def _in_field_order(model, names):
    """`names` in the model's own order of fields, the order `Model.from_db` takes them."""
    return tuple(field.attname for field in model._meta.concrete_fields if field.attname in names)


# What a thread draws of each comment and of its author (`Comment.author_name`).
AUTHOR_MODEL = Comment._meta.get_field("author").related_model
SHOWN_FIELDS = _in_field_order(
    Comment,
    {"id", "author_id", "posted_as", "parent_id", "body_html", "status", "created_at", "edited_at"},
)
AUTHOR_FIELDS = _in_field_order(
    AUTHOR_MODEL, {"username", "first_name", "last_name", "display_name"}
)


@functools.lru_cache(maxsize=16)
def _page_query(start, per_page):
    """The comments of one window of threads, each row carrying the article's counts, as a
    query whose SQL is built once per process and window: after each approved comment the
    story's thread is read again, and building this query through the ORM cost twenty times
    what running it does. Bounded: a page far down a thread builds a window of its own."""

    def build(article_id):
        top = Comment.objects.shown_in_threads().filter(article_id=article_id, parent__isnull=True)
        counts = {
            f"article_{name}": Subquery(
                Comment.objects.filter(article_id=article_id)
                .order_by()
                .values("article")
                .annotate(**{name: expression})
                .values(name)
            )
            for name, expression in _count_expressions().items()
        }
        return (
            Comment.objects.shown_in_threads()
            .filter(root__in=top.values("pk")[start : start + per_page])
            .annotate(**counts)
            .values_list(*SHOWN_FIELDS, *(f"author__{name}" for name in AUTHOR_FIELDS), *counts)
        )

    return PreparedQuery(build)


def _shown_comment(values):
    """A comment as a thread draws it, from one row: its shown fields and its author's name
    (the other fields are deferred; nothing in a thread reads them)."""
    comment = Comment.from_db(None, SHOWN_FIELDS, values[: len(SHOWN_FIELDS)])
    if comment.author_id is not None:
        author = AUTHOR_MODEL.from_db(
            None, ("id", *AUTHOR_FIELDS), (comment.author_id, *values[len(SHOWN_FIELDS) :])
        )
        comment._state.fields_cache["author"] = author
    return comment


def _thread_rows(article, number, per_page):
    """The comments of one page of threads and the article's counts: one query, two for a
    page past the last."""
    start = (number - 1) * per_page
    found = _page_query(start, per_page).values(article.pk)
    if found:
        *_, approved, threads = found[0]
        shown = len(SHOWN_FIELDS) + len(AUTHOR_FIELDS)
        return [_shown_comment(values[:shown]) for values in found], {
            "approved": approved,
            "threads": threads,
        }
    if number == 1:  # no thread at all, so no approved comment either (each is in one)
        return [], {"approved": 0, "threads": 0}
    return [], _counts(article)


def _threads(shown):
    """Whole threads from their comments, each comment's visible replies attached as
    `thread_replies`; placeholders of removed comments with nothing under them dropped."""
    children, roots = {}, []
    for comment in shown:
        if comment.parent_id is None:
            roots.append(comment)
        else:
            children.setdefault(comment.parent_id, []).append(comment)

    def build(comment):
        comment.actions_marker = actions_marker(comment)
        comment.thread_replies = [c for c in map(build, children.get(comment.pk, [])) if c]
        if comment.is_removed and not comment.thread_replies:
            return None
        return comment

    return [c for c in map(build, roots) if c]


class DrawnParts:
    """Parts of a thread drawn once per process for what they are drawn from: each
    comment's own part (its name, time, text and the marker of the reader's controls) and
    each comment with its replies. After a comment is approved the story's thread is drawn
    again around it, and the threads already there cost a lookup instead of a template per
    comment (most of the rebuild); the thread the new comment joins is put together from
    its comments' kept parts.

    The key is everything a part shows, so a kept part is never out of date: an edited
    text, a removal, a new name, a new reply or the comments closing is a new key. Markers
    carry the token of the page they were drawn in and are given the current page's
    (`restamp`). Bounded in entries; what falls out is drawn again.
    """

    LIMIT = 6000

    def __init__(self):
        self.kept, self.lock = OrderedDict(), threading.Lock()

    def __call__(self, key, draw):
        with self.lock:
            found = self.kept.get(key)
            if found is not None:
                self.kept.move_to_end(key)
        if found is None:
            html = draw()
            found = (html, personal.stamp(html))
            with self.lock:
                self.kept[key] = found
                while len(self.kept) > self.LIMIT:
                    self.kept.popitem(last=False)
        return mark_safe(personal.restamp(*found))

    def clear(self):
        with self.lock:
            self.kept.clear()


drawn_parts = DrawnParts()


def _draw(comment, is_open, drawn_with):
    """`comment.thread_html`, the comment with its replies; returns its key."""
    own = (
        "own",
        comment.pk,
        comment.status,
        comment.author_id,
        comment.author_name,
        comment.created_at,
        comment.edited_at,
        comment.body_html,
        is_open,
        *drawn_with,
    )
    replies = tuple(_draw(reply, is_open, drawn_with) for reply in comment.thread_replies)
    context = {"comment": comment, "is_open": is_open}

    def draw_thread():
        comment.own_html = drawn_parts(
            own, lambda: render_to_string("comments/_comment_own.html", context)
        )
        comment.replies_html = mark_safe("".join(r.thread_html for r in comment.thread_replies))
        return render_to_string("comments/_comment.html", context)

    key = ("thread", own, replies)
    comment.thread_html = drawn_parts(key, draw_thread)
    return key


def render_shared_comments(article, page_number):
    """The comments area as every reader sees it, with markers where each reader's own
    parts go (the form or the log-in prompt, their messages, their controls)."""
    per_page = conf.threads_per_page()
    number = positive(page_number, 1)
    rows, counts = _thread_rows(article, number, per_page)
    page = Paginator(range(counts["threads"]), per_page).get_page(number)
    if page.number != number:  # past the end: show the last page, as get_page does
        rows, counts = _thread_rows(article, page.number, per_page)
    threads, is_open = _threads(rows), comments_are_open(article)
    # What else the parts are drawn with: month names and times follow the first two, and
    # a part drawn outside a page has no markers.
    drawn_with = (
        translation.get_language(),
        timezone.get_current_timezone_name(),
        personal.writes_markers(),
    )
    for thread in threads:
        _draw(thread, is_open, drawn_with)
    context = {
        "article": article,
        "comment_count": counts["approved"],
        "threads": threads,
        "page": page,
        "page_param": PAGE_PARAM,
        "is_open": is_open,
        "max_depth": conf.max_depth(),
    }
    return render_to_string("comments/_article_comments.html", context)


@register.simple_tag(takes_context=True)
def article_comments(context, article):
    """The comments area under an article; the article app knows nothing of comments.

    Shared by every reader and rebuilt only when the article's comments (or the article)
    change: a fixed number of queries then, none otherwise. What is one reader's own is
    filled in per request (comments/personal.py).
    """
    request = context.get("request")
    page_number = request.GET.get(PAGE_PARAM, "1")[:8] if request else "1"
    key = comments_key(article.pk)
    depends_on(request, key)
    html = cached_fragment(
        comments_page_entry(article.pk, page_number),
        lambda: render_shared_comments(article, page_number),
        keys=(key, article.cache_key),
    )
    return mark_safe(html)
