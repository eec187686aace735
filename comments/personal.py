"""What the comments area shows one reader alone: the form (or the log-in prompt), their
messages, and their controls on each comment. Filled per request into the shared comments
area (newsroom/personal.py). The markers carry what the shared page knows (the comment, its
author, when it was posted), so a reader's controls cost one query (their flags) and the
ban check; the form is rendered once and shared, with the reader's CSRF token put in."""

from django.template.loader import get_template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom import personal
from newsroom.cache import cached_fragment
from newsroom.personal import reader_token

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
        token = reader_token(request)
        return {pk: shared_form(pk).replace(TOKEN_SLOT, token) for pk in article_ids}
    template = get_template("comments/_comment_area_form.html")
    context = {"is_banned": user.is_authenticated, "back_to": f"{request.path}#comments"}
    return dict.fromkeys(article_ids, template.render(context))


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
    draw = Controls(is_banned(request), reader_token(request))
    editable_since = timezone.now().timestamp() - conf.edit_window_seconds()
    return {
        marker: draw(pk, author == user.pk, posted >= editable_since, pk in flagged)
        for marker, (pk, author, posted) in shown.items()
    }


class Controls:
    """A comment's controls, from addresses reversed once per request (a page can show a
    hundred comments). Every part is an integer, an address of ours or the CSRF token."""

    SLOT = "0"

    def __init__(self, is_banned, token):
        self.is_banned = is_banned
        self.token = escape(token)
        self.addresses = {
            name: reverse(f"comments:{name}", args=[self.SLOT]).rsplit(self.SLOT, 1)
            for name in ("reply", "edit", "delete", "flag")
        }

    def address(self, name, pk):
        before, after = self.addresses[name]
        return f"{before}{pk}{after}"

    def __call__(self, pk, is_own, is_recent, is_flagged):
        links = []
        if not self.is_banned:
            links.append(
                f'<a href="{self.address("reply", pk)}" class="comment__reply" '
                f'data-comment-reply="{pk}">Reply</a>'
            )
        if is_own and is_recent:
            links.append(f'<a href="{self.address("edit", pk)}">Edit</a>')
        if is_own:
            links.append(f'<a href="{self.address("delete", pk)}">Delete</a>')
        elif is_flagged:
            links.append('<span class="comment__flagged">Flagged</span>')
        else:
            links.append(
                f'<form method="post" action="{self.address("flag", pk)}" class="inline-form">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.token}">'
                '<button type="submit" class="link-button">Flag</button></form>'
            )
        return mark_safe('<footer class="comment__actions">' + "\n".join(links) + "</footer>")


def register():
    personal.register("comment-form", comment_form)
    personal.register("comment-messages", personal.messages_part("comments/_comment_messages.html"))
    personal.register("comment-actions", comment_actions)
