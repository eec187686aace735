from django import template
from django.core.paginator import Paginator
from django.db.models import Count, Q, Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from comments import conf
from comments.models import Comment, comments_are_open
from comments.personal import actions_marker
from shared.cache import cached_fragment, depends_on
from shared.keys import comments_key, comments_page_entry
from shared.numbers import positive

register = template.Library()

PAGE_PARAM = "comments_page"


def _counts(article):
    return Comment.objects.filter(article=article).aggregate(**_count_expressions())


def _count_expressions():
    return {
        "approved": Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        "threads": Count("pk", filter=Q(parent__isnull=True) & Comment.shown_in_threads_q()),
    }


def _thread_rows(article, number, per_page):
    """The comments of one page of threads, each row carrying the article's counts: one
    query, two for a page past the last."""
    top = Comment.objects.shown_in_threads().filter(article=article, parent__isnull=True)
    start = (number - 1) * per_page
    page_roots = top.values("pk")[start : start + per_page]
    counts = {
        name: Subquery(
            Comment.objects.filter(article=article)
            .order_by()
            .values("article")
            .annotate(**{name: expression})
            .values(name)
        )
        for name, expression in _count_expressions().items()
    }
    rows = list(
        Comment.objects.shown_in_threads()
        .for_display()
        .filter(root__in=page_roots)
        .annotate(**{f"article_{name}": value for name, value in counts.items()})
    )
    if rows:
        return rows, {"approved": rows[0].article_approved, "threads": rows[0].article_threads}
    if number == 1:  # no thread at all, so no approved comment either (each is in one)
        return rows, {"approved": 0, "threads": 0}
    return rows, _counts(article)


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


def render_shared_comments(article, page_number):
    """The comments area as every reader sees it, with markers where each reader's own
    parts go (the form or the log-in prompt, their messages, their controls)."""
    per_page = conf.threads_per_page()
    number = positive(page_number, 1)
    rows, counts = _thread_rows(article, number, per_page)
    page = Paginator(range(counts["threads"]), per_page).get_page(number)
    if page.number != number:  # past the end: show the last page, as get_page does
        rows, counts = _thread_rows(article, page.number, per_page)
    context = {
        "article": article,
        "comment_count": counts["approved"],
        "threads": _threads(rows),
        "page": page,
        "page_param": PAGE_PARAM,
        "is_open": comments_are_open(article),
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
