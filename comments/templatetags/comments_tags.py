from django import template
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import Paginator
from django.db.models import Count, Q

from comments import conf
from comments.forms import CommentForm
from comments.models import Comment, CommentFlag, comments_are_open
from comments.services import commenter_is_banned

register = template.Library()

PAGE_PARAM = "comments_page"


def _counts(article):
    return Comment.objects.filter(article=article).aggregate(
        approved=Count("pk", filter=Q(status=Comment.Status.APPROVED)),
        threads=Count("pk", filter=Q(parent__isnull=True) & Comment.shown_in_threads_q()),
    )


def _threads(article, page):
    """One query for a page of whole threads, each comment's visible replies attached as
    `thread_replies`; placeholders of removed comments with nothing under them dropped."""
    top = Comment.objects.shown_in_threads().filter(article=article, parent__isnull=True)
    start = page.start_index() - 1 if page.paginator.count else 0
    page_roots = top.values("pk")[start : start + page.paginator.per_page]
    shown = Comment.objects.shown_in_threads().for_display().filter(root__in=page_roots)
    children, roots = {}, []
    for comment in shown:
        if comment.parent_id is None:
            roots.append(comment)
        else:
            children.setdefault(comment.parent_id, []).append(comment)

    def build(comment):
        comment.thread_replies = [c for c in map(build, children.get(comment.pk, [])) if c]
        if comment.is_removed and not comment.thread_replies:
            return None
        return comment

    return [c for c in map(build, roots) if c]


def _has_messages(request):
    return request is not None and CookieStorage.cookie_name in request.COOKIES


def _walk(comments):
    for comment in comments:
        yield comment
        yield from _walk(comment.thread_replies)


@register.inclusion_tag("comments/_article_comments.html", takes_context=True)
def article_comments(context, article):
    """The comments area under an article; the article app knows nothing of comments.

    A fixed number of queries: the counts, then one page of whole threads; for a logged-in
    reader also their ban and their flags.
    """
    request = context.get("request")
    user = context.get("user")
    counts = _counts(article)
    paginator = Paginator(range(counts["threads"]), conf.threads_per_page())
    page = paginator.get_page(request.GET.get(PAGE_PARAM) if request else None)
    threads = _threads(article, page)
    is_reader = bool(user and user.is_authenticated)
    result = {
        "article": article,
        "comment_count": counts["approved"],
        "threads": threads,
        "page": page,
        "page_param": PAGE_PARAM,
        "is_open": comments_are_open(article),
        "max_depth": conf.max_depth(),
        "user": user if is_reader else None,
        # A visitor back from signing up has a message too ("check your email"); reading
        # messages only when the cookie carries some keeps other anonymous pages cacheable.
        "messages": context.get("messages") if is_reader or _has_messages(request) else None,
    }
    if is_reader:
        shown = list(_walk(threads))
        flagged = set(
            CommentFlag.objects.filter(user=user, comment__in=[c.pk for c in shown]).values_list(
                "comment_id", flat=True
            )
        )
        for comment in shown:
            comment.can_edit = comment.can_be_edited_by(user)
            comment.can_delete = comment.can_be_deleted_by(user)
            comment.flagged = comment.pk in flagged
        result.update(
            is_banned=commenter_is_banned(user),
            form=CommentForm(),
            csrf_token=context.get("csrf_token"),
        )
    return result
