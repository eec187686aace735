"""One-click moderation from the comment list, and the counts the admin index shows.

Each row carries Approve / Spam / Remove buttons. They submit the list's own form (a
changelist is one <form>, so a row cannot hold a form of its own) to `moderate_view` with
`formaction`, so the request is a POST with the list's CSRF token and works without
JavaScript; the view moderates that one comment through comments.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shared import site_address

from . import services
from .models import Comment

ROW_ACTIONS = [
    (Comment.Status.APPROVED, "Approve", "approved"),
    (Comment.Status.SPAM, "Spam", "marked as spam"),
    (Comment.Status.REMOVED, "Remove", "removed"),
]


def row_buttons(comment):
    """The buttons of one row: every status the comment is not in already, and "Approve
    edit" on an approved comment whose edit waits."""
    url = reverse("admin:comments_comment_moderate", args=[comment.pk])
    buttons = [(status, label) for status, label, _ in ROW_ACTIONS if comment.status != status]
    if comment.held_edit and comment.status == Comment.Status.APPROVED:
        buttons.insert(0, (Comment.Status.APPROVED, "Approve edit"))
    return format_html_join(
        " ",
        '<button type="submit" class="button nr-moderate nr-moderate--{}" formaction="{}" '
        'formmethod="post" name="status" value="{}" aria-label="{} comment {}">{}</button>',
        ((status, url, status, label, comment.pk, label) for status, label in buttons),
    ) or format_html("")


def moderate_view(model_admin):
    @require_POST
    def view(request, pk):
        if not model_admin.has_change_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment, pk=pk)
        verbs = {status: verb for status, _, verb in ROW_ACTIONS}
        status = request.POST.get("status")
        if status not in verbs:
            messages.error(request, "Choose approve, spam or remove.")
        else:
            services.comment_moderate(
                comments=[comment],
                status=status,
                moderator=request.user,
                site_url=site_address.absolute_url("/"),
            )
            messages.success(request, f"Comment by {comment.author_name} {verbs[status]}.")
        # Back to the same filtered, sorted page of the list.
        back = request.headers.get("Referer", "")
        if not url_has_allowed_host_and_scheme(
            back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            back = reverse("admin:comments_comment_changelist")
        return redirect(back)

    return view


def review_counts():
    """What the admin index shows: comments waiting for an editor, and how many flagged."""
    queue = Comment.objects.needs_review()
    return {"review": queue.count(), "flagged": queue.filter(flag_count__gt=0).count()}
