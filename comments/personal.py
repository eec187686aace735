"""What the comments area shows one reader alone: the form (or the log-in prompt), their
messages, and their controls on each comment. Filled per request into the shared comments
area (newsroom/personal.py). The markers carry what the shared page knows (the comment, its
author, when it was posted), so a reader's controls cost one query (their flags) and the
ban check; the form is rendered once and shared, with the reader's CSRF token put in."""

from django.contrib import messages
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from newsroom import personal
from newsroom.cache import cached_fragment

from . import conf
from .forms import CommentForm
from .models import CommentFlag
from .services import commenter_is_banned

TOKEN_SLOT = "__reader-csrf-token__"


def actions_marker(comment):
    """What the controls of `comment` are decided from, as the shared page writes it."""
    return f"{comment.pk}.{comment.author_id or 0}.{int(comment.created_at.timestamp())}"


def is_banned(request):
    if not hasattr(request, "_commenter_is_banned"):
        request._commenter_is_banned = commenter_is_banned(request.user)
    return request._commenter_is_banned


def shared_form(article_id):
    def build():
        context = {"form": CommentForm(), "article": {"pk": article_id}, "csrf_token": TOKEN_SLOT}
        return get_template("comments/_comment_area_form.html").render(
            {**context, "is_reader": True}
        )

    return cached_fragment(f"comment-form:{article_id}", build, keys=[f"comments:{article_id}"])


def comment_form(request, article_ids):
    """The form for a logged-in reader; the way to log in for everyone else."""
    user = request.user
    if user.is_authenticated and not is_banned(request):
        token = get_token(request)
        return {pk: shared_form(pk).replace(TOKEN_SLOT, token) for pk in article_ids}
    template = get_template("comments/_comment_area_form.html")
    context = {"is_banned": user.is_authenticated, "back_to": f"{request.path}#comments"}
    return dict.fromkeys(article_ids, template.render(context))


def comment_messages(request, article_ids):
    html = ""
    if request.user.is_authenticated or "messages" in request.COOKIES:
        found = list(messages.get_messages(request))
        if found:
            html = get_template("comments/_comment_messages.html").render({"messages": found})
    return dict.fromkeys(article_ids, html)


def comment_actions(request, markers):
    """Reply, edit, delete and flag, as this reader may use them on each comment."""
    user = request.user
    if not user.is_authenticated:
        return {}
    shown = {}
    for marker in markers:
        pk, author, posted = (int(part) for part in marker.split("."))
        shown[marker] = (pk, author, posted)
    flagged = set(
        CommentFlag.objects.filter(
            user=user, comment__in=[pk for pk, _, _ in shown.values()]
        ).values_list("comment", flat=True)
    )
    banned = is_banned(request)
    token = get_token(request)
    editable_since = timezone.now().timestamp() - conf.edit_window_seconds()
    return {
        marker: controls(
            pk, author == user.pk, posted >= editable_since, pk in flagged, banned, token
        )
        for marker, (pk, author, posted) in shown.items()
    }


def controls(pk, is_own, is_recent, is_flagged, is_banned, token):
    links = []
    if not is_banned:
        links.append(
            format_html(
                '<a href="{}" class="comment__reply" data-comment-reply="{}">Reply</a>',
                reverse("comments:reply", args=[pk]),
                pk,
            )
        )
    if is_own and is_recent:
        links.append(format_html('<a href="{}">Edit</a>', reverse("comments:edit", args=[pk])))
    if is_own:
        links.append(format_html('<a href="{}">Delete</a>', reverse("comments:delete", args=[pk])))
    elif is_flagged:
        links.append(format_html('<span class="comment__flagged">Flagged</span>'))
    else:
        links.append(
            format_html(
                '<form method="post" action="{}" class="inline-form">'
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<button type="submit" class="link-button">Flag</button></form>',
                reverse("comments:flag", args=[pk]),
                token,
            )
        )
    return format_html(
        '<footer class="comment__actions">{}</footer>',
        format_html_join("\n", "{}", ((link,) for link in links)),
    )


def register():
    personal.register("comment-form", comment_form)
    personal.register("comment-messages", comment_messages)
    personal.register("comment-actions", comment_actions)
