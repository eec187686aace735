"""What the comments area shows one reader alone: the form (or the log-in prompt), their
messages, and their controls on each comment. Filled per request into the shared comments
area (shared/personal.py). The markers carry what the shared page knows (the comment, its
author, when it was posted), and what is the reader's own (their ban, the comments they
flagged) is kept for them (`shared.cache.cached_for_reader`, marked by each flag and ban),
so a reader's controls cost no query; the form is rendered once and shared, with the
reader's CSRF token put in."""

import functools
import re

from django.template.loader import get_template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from shared import personal
from shared.cache import cached_for_reader, cached_fragment
from shared.keys import READER_COMMENTER, comment_form_entry
from shared.personal import TOKEN_SLOT, reader_token, with_token

from . import conf
from .forms import CommentForm
from .models import CommentFlag
from .services import commenter_is_banned


def actions_marker(comment):
    """What the controls of `comment` are decided from, as the shared page writes it."""
    return f"{comment.pk}.{comment.author_id or 0}.{int(comment.created_at.timestamp())}"


MARKER = re.compile(r"([0-9]+)\.([0-9]+)\.([0-9]+)")


def parsed_marker(marker):
    """(comment id, author id, posted) from a marker `actions_marker` wrote; None for
    anything else, which renders nothing."""
    match = MARKER.fullmatch(marker)
    return None if match is None else (int(match[1]), int(match[2]), int(match[3]))


def is_article_id(arg):
    return arg.isascii() and arg.isdigit() and len(arg) < 19


def commenter_state(request):
    """(banned, ids of the comments they flagged) for the logged-in reader."""
    if not hasattr(request, "_commenter_state"):
        user = request.user

        def build():
            flagged = CommentFlag.objects.filter(user=user).values_list("comment_id", flat=True)
            return commenter_is_banned(user), frozenset(flagged)

        request._commenter_state = cached_for_reader(user.pk, READER_COMMENTER, build)
    return request._commenter_state


def is_banned(request):
    return commenter_state(request)[0]


def shared_form(article_id):
    def build():
        context = {"form": CommentForm(), "article": {"pk": article_id}, "csrf_token": TOKEN_SLOT}
        return get_template("comments/_comment_area_form.html").render(
            {**context, "is_reader": True}
        )

    # It shows no comment, only the story's id: a comment approved leaves it kept (it still
    # follows "site" and "nav", as every fragment does).
    return cached_fragment(comment_form_entry(article_id), build)


def comment_form(request, article_ids):
    """The form for a logged-in reader; the way to log in for everyone else."""
    user = request.user
    article_ids = [pk for pk in article_ids if is_article_id(pk)]
    if not article_ids:
        return {}
    if user.is_authenticated and not is_banned(request):
        return {pk: with_token(shared_form(pk), request) for pk in article_ids}
    template = get_template("comments/_comment_area_form.html")
    context = {"is_banned": user.is_authenticated, "back_to": f"{request.path}#comments"}
    return dict.fromkeys(article_ids, template.render(context))


def comment_actions(request, markers):
    """Reply, edit, delete and flag, as this reader may use them on each comment."""
    user = request.user
    if not user.is_authenticated:
        return {}
    shown = [(marker, parsed_marker(marker)) for marker in markers]
    shown = [(marker, parts) for marker, parts in shown if parts is not None]
    if not shown:
        return {}
    banned, flagged = commenter_state(request)
    draw = Controls(banned, reader_token(request))
    editable_since = timezone.now().timestamp() - conf.edit_window_seconds()
    # Read once: request.user is a lazy object, and a page can show a hundred comments.
    user_id = user.pk
    return {
        marker: draw(pk, author == user_id, posted >= editable_since, pk in flagged)
        for marker, (pk, author, posted) in shown
    }


@functools.cache
def addresses(prefix, urlconf):
    """Each control's address around the comment's id, reversed once per process."""
    return {
        name: reverse(f"comments:{name}", args=[Controls.SLOT], urlconf=urlconf).rsplit(
            Controls.SLOT, 1
        )
        for name in ("reply", "edit", "delete", "flag")
    }


class Controls:
    """A comment's controls, from addresses reversed once per request (a page can show a
    hundred comments). Every part is an integer, an address of ours or the CSRF token."""

    SLOT = "0"

    def __init__(self, is_banned, token):
        self.is_banned = is_banned
        self.token = escape(token)
        self.addresses = addresses(get_script_prefix(), get_urlconf())
        # Each control's HTML around the comment's id, made once per request.
        (reply, reply_end), (edit, edit_end), (delete, delete_end), (flag, flag_end) = (
            self.addresses[name] for name in ("reply", "edit", "delete", "flag")
        )
        self.reply = (
            f'<a href="{reply}',
            f'{reply_end}" class="comment__reply" data-comment-reply="',
        )
        self.edit = (f'<a href="{edit}', f'{edit_end}">Edit</a>')
        self.delete = (f'<a href="{delete}', f'{delete_end}">Delete</a>')
        self.flag = (
            f'<form method="post" action="{flag}',
            f'{flag_end}" class="inline-form">'
            f'<input type="hidden" name="csrfmiddlewaretoken" value="{self.token}">'
            '<button type="submit" class="link-button">Flag</button></form>',
        )

    def address(self, name, pk):
        before, after = self.addresses[name]
        return f"{before}{pk}{after}"

    def __call__(self, pk, is_own, is_recent, is_flagged):
        links = []
        if not self.is_banned:
            links.append(f'{self.reply[0]}{pk}{self.reply[1]}{pk}">Reply</a>')
        if is_own and is_recent:
            links.append(f"{self.edit[0]}{pk}{self.edit[1]}")
        if is_own:
            links.append(f"{self.delete[0]}{pk}{self.delete[1]}")
        elif is_flagged:
            links.append('<span class="comment__flagged">Flagged</span>')
        else:
            links.append(f"{self.flag[0]}{pk}{self.flag[1]}")
        return mark_safe('<footer class="comment__actions">' + "\n".join(links) + "</footer>")


def register():
    personal.register("comment-form", comment_form)
    personal.register("comment-messages", personal.messages_part("comments/_comment_messages.html"))
    personal.register("comment-actions", comment_actions)
