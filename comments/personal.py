"""What the comments area shows one reader alone: the form (or the log-in prompt), their
messages, and their controls on each comment. Filled per request into the shared comments
area (newsroom/personal.py); a page of comments costs at most three queries for them."""

from django.contrib import messages
from django.middleware.csrf import get_token
from django.template.loader import get_template

from newsroom import personal

from .forms import CommentForm
from .models import Comment, CommentFlag, comments_are_open
from .services import commenter_is_banned


def is_banned(request):
    if not hasattr(request, "_commenter_is_banned"):
        request._commenter_is_banned = commenter_is_banned(request.user)
    return request._commenter_is_banned


def comment_form(request, article_ids):
    """The form for a logged-in reader; the way to log in for everyone else."""
    user = request.user
    template = get_template("comments/_comment_area_form.html")
    context = {"user": user, "back_to": f"{request.path}#comments"}
    if user.is_authenticated:
        context.update(is_banned=is_banned(request), form=CommentForm())
        context["csrf_token"] = get_token(request)
    return {
        article_id: template.render({**context, "article": {"pk": article_id}})
        for article_id in article_ids
    }


def comment_messages(request, article_ids):
    html = ""
    if request.user.is_authenticated or "messages" in request.COOKIES:
        found = list(messages.get_messages(request))
        if found:
            html = get_template("comments/_comment_messages.html").render({"messages": found})
    return dict.fromkeys(article_ids, html)


def comment_actions(request, comment_ids):
    """Reply, edit, delete and flag, as this reader may use them on each comment."""
    user = request.user
    if not user.is_authenticated:
        return {}
    ids = [int(pk) for pk in comment_ids if pk.isdigit()]
    comments = Comment.objects.filter(pk__in=ids).select_related("article")
    flagged = set(
        CommentFlag.objects.filter(user=user, comment__in=ids).values_list("comment", flat=True)
    )
    template = get_template("comments/_comment_actions.html")
    banned = is_banned(request)
    csrf_token = get_token(request)
    return {
        str(comment.pk): template.render(
            {
                "comment": comment,
                "user": user,
                "is_banned": banned,
                "is_open": comments_are_open(comment.article),
                "can_edit": comment.can_be_edited_by(user),
                "can_delete": comment.can_be_deleted_by(user),
                "flagged": comment.pk in flagged,
                "csrf_token": csrf_token,
            }
        )
        for comment in comments
    }


def register():
    personal.register("comment-form", comment_form)
    personal.register("comment-messages", comment_messages)
    personal.register("comment-actions", comment_actions)
