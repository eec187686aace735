"""Every write to comments goes through here: keyword-only, atomic, with its side effects."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from shared.cache import content_changed
from shared.keys import comments_key

from . import conf, events, moderation, notifications, throttle
from .models import Comment, CommentBan, CommentFlag, comments_are_open

DUPLICATE_WINDOW = timedelta(hours=1)


class CommentRefused(Exception):
    """A comment that may not be posted, with the message the reader sees."""

    def __init__(self, message, *, code):
        super().__init__(message)
        self.message = message
        self.code = code


def commenter_is_banned(user):
    return CommentBan.objects.filter(user=user).exists()


def _check_body(body):
    body = body.strip()
    if not body:
        raise ValidationError("Write something before posting.", code="empty")
    if len(body) > conf.max_length():
        raise ValidationError(
            f"A comment can be at most {conf.max_length()} characters; this one has {len(body)}.",
            code="too_long",
        )
    return body


def _check_may_comment(*, article, author):
    """The rules for who may write on this article, for a new comment and for every edit."""
    if not author.is_authenticated or not author.is_active:
        raise CommentRefused("You need to log in to leave a comment.", code="anonymous")
    if not comments_are_open(article):
        raise CommentRefused("Comments are closed on this article.", code="closed")
    if commenter_is_banned(author):
        raise CommentRefused(
            "Your account can no longer post comments. Contact the editors if you think "
            "this is a mistake.",
            code="banned",
        )


def comment_post(*, article, author, body, parent=None, ip_address=None, site_url=""):
    """Post a comment or reply; raises CommentRefused or ValidationError, storing nothing."""
    _check_may_comment(article=article, author=author)
    body = _check_body(body)
    if parent is not None and (
        parent.article_id != article.pk or parent.status != Comment.Status.APPROVED
    ):
        raise CommentRefused("That comment cannot be replied to.", code="bad_parent")
    if throttle.is_limited(user_id=author.pk, ip_address=ip_address):
        raise CommentRefused(
            "You are commenting too quickly. Wait a moment and post again; your text is kept "
            "below.",
            code="rate_limited",
        )
    since = timezone.now() - DUPLICATE_WINDOW
    if Comment.objects.filter(
        article=article, author=author, body=body, created_at__gte=since
    ).exists():
        raise CommentRefused("You have already posted this comment.", code="duplicate")

    replied_to = parent
    # Past the deepest level a reply joins its parent's thread at that level.
    while parent is not None and parent.depth + 1 >= conf.max_depth():
        parent = parent.parent
    reason = moderation.hold_reason(author=author, body=body)
    with transaction.atomic():
        comment = Comment(
            article=article,
            author=author,
            parent=parent,
            depth=parent.depth + 1 if parent else 0,
            replied_to=replied_to,
            body=body,
            status=Comment.Status.PENDING if reason else Comment.Status.APPROVED,
            moderation_note=reason,
            ip_address=ip_address,
        )
        comment.save()
        comment.root_id = parent.root_id if parent else comment.pk
        comment.save(update_fields=["root"])
        throttle.record(user_id=author.pk, ip_address=ip_address)
        if comment.status == Comment.Status.APPROVED:
            events.send_on_commit(events.comment_approved, comment=comment)
            _notify_replied_to([comment], site_url=site_url)
    return comment


def _notify_replied_to(replies, *, site_url):
    """Tell each person replied to, once per reply, when the reply becomes visible."""
    owed = [c for c in replies if c.replied_to_id is not None and not c.is_reply_notified]
    if not owed:
        return
    Comment.objects.filter(pk__in=[c.pk for c in owed]).update(is_reply_notified=True)
    for reply in owed:
        reply.is_reply_notified = True
        transaction.on_commit(
            lambda reply=reply: notifications.notify_reply(
                reply, reply.replied_to, site_url=site_url
            )
        )


def comment_edit(*, comment, user, body):
    """Change a comment's text; raises CommentRefused or ValidationError, changing nothing.

    An edit the moderation rules would hold does not take an approved comment off the page:
    readers go on seeing the approved text, and the edit waits in `held_edit` until an editor
    approves it (`comment_moderate`). This is the "pending changes" way (Wikipedia's, and
    what readers of WordPress or Ghost expect of a comment once shown: it does not vanish):
    a comment that was public stays public, with it the replies under it, which are other
    readers' words and must never disappear because of somebody else's edit; and nothing the
    rules hold goes public unread. Returns the comment; `comment.held_edit` says whether
    the edit waits.
    """
    if not comment.can_be_edited_by(user):
        raise PermissionDenied("You can only edit your own comment, shortly after posting it.")
    # An edit passes the same rules as a new comment: a ban or closed comments stop it, and
    # links added afterwards meet the same hold.
    _check_may_comment(article=comment.article, author=user)
    body = _check_body(body)
    changes = ["held_edit", "moderation_note"]
    with transaction.atomic():
        if comment.status != Comment.Status.APPROVED:
            # Nobody sees it yet: the new text simply waits where the old one did.
            comment.body, comment.held_edit = body, ""
            changes += ["body", "edited_at"]
        elif body == comment.body:
            # Back to the approved text: nothing waits any more, and readers see no change.
            comment.held_edit, comment.moderation_note = "", ""
        elif reason := moderation.hold_reason(author=user, body=body, editing=comment):
            # Held: readers keep the approved text, so no public key is named (save() names
            # `comments:<article>` only when the status or the shown text changes).
            comment.held_edit, comment.moderation_note = body, f"edited: {reason}"
        else:
            comment.body, comment.held_edit, comment.moderation_note = body, "", ""
            changes += ["body", "edited_at"]
        if "edited_at" in changes:
            comment.edited_at = timezone.now()
        comment.save(update_fields=changes)
    return comment


def comment_delete(*, comment, user):
    """The author takes a comment down; a placeholder keeps the replies in place."""
    if not comment.can_be_deleted_by(user):
        raise PermissionDenied("You can only delete your own comment.")
    with transaction.atomic():
        comment.body, comment.held_edit = "", ""
        comment.status = Comment.Status.REMOVED
        comment.save(update_fields=["body", "held_edit", "status"])
    return comment


def comment_flag(*, comment, user):
    """A reader flags a comment once; enough flags hide it until an editor looks.

    Returns False when this reader had already flagged it.
    """
    if not user.is_authenticated:
        raise PermissionDenied("Log in to flag a comment.")
    if comment.author_id == user.pk:
        return False
    try:
        with transaction.atomic():
            CommentFlag.objects.create(comment=comment, user=user)
            Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
            comment.refresh_from_db(fields=["flag_count", "status"])
            if (
                comment.status == Comment.Status.APPROVED
                and comment.flag_count >= conf.flags_to_hide()
            ):
                comment.status = Comment.Status.PENDING
                comment.moderation_note = f"hidden after {comment.flag_count} flags"
                comment.save(update_fields=["status", "moderation_note"])
    except IntegrityError:
        return False
    return True


def comment_moderate(*, comments, status, moderator=None, site_url=""):
    """An editor sets the status of one or many comments (a queryset); returns how many.

    Approving a held reply tells the person replied to, as posting it would have; approving
    a comment with a held edit puts the edit on the page. Spam or removal drops a held edit
    with the comment.
    """
    if status not in Comment.Status.values:
        raise ValueError(f"Unknown status {status!r}")
    changes = {"status": status}
    if status == Comment.Status.APPROVED:
        # An editor's approval answers the flags so far; the flag rows stay, so the same
        # readers cannot flag it again, but new readers can.
        changes["flag_count"] = 0
    else:
        changes["held_edit"] = ""
    pks = [c.pk for c in comments]
    with transaction.atomic():
        chosen = Comment.objects.filter(pk__in=pks)
        shown = {Comment.Status.APPROVED, Comment.Status.REMOVED}
        # Only threads whose readers see a difference: a held comment marked as spam, or an
        # approved one approved again, changes no page.
        before = list(chosen.order_by().values_list("pk", "article_id", "status"))
        touched = {
            article_id
            for _, article_id, was in before
            if was != status and (was in shown or status in shown)
        }
        newly_approved = {pk for pk, _, was in before if status == Comment.Status.APPROVED != was}
        count = chosen.update(**changes)
        if touched:
            content_changed(*(comments_key(article_id) for article_id in touched))
        if status == Comment.Status.APPROVED:
            # One read of the approved comments serves the held edits, the announcements
            # and the replies' e-mails (each listener reads the author and the article).
            approved = list(
                Comment.objects.filter(pk__in=pks).select_related(
                    "article", "author", "replied_to__author"
                )
            )
            _apply_held_edits([comment for comment in approved if comment.held_edit])
            for comment in approved:
                if comment.pk in newly_approved:
                    events.send_on_commit(events.comment_approved, comment=comment)
            _notify_replied_to(approved, site_url=site_url)
    return count


def _apply_held_edits(comments):
    """The approved edits go on the page; each save names its article's comments."""
    for comment in comments:
        comment.body, comment.held_edit = comment.held_edit, ""
        comment.moderation_note = ""
        comment.edited_at = timezone.now()
        comment.save(update_fields=["body", "held_edit", "moderation_note", "edited_at"])


def commenter_ban(*, user, moderator=None, reason=""):
    ban, _ = CommentBan.objects.get_or_create(
        user=user, defaults={"banned_by": moderator, "reason": reason}
    )
    return ban
