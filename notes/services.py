"""Posting, editing, deleting and resolving notes.

Each write checks who may do it (a forged POST meets the same refusal as a hidden button)
and names no cache key: readers never see a note, so no public page changes
(`shared.cache.content_version()` stays put).

Who: staff who may change the article (`articles.services.user_can_edit`) post, reply,
resolve and reopen; each edits their own notes; authors delete their own, Editors any
(`articles.edit_any_article`). A thread's first note with replies from others is an
Editor's to delete, since the replies go with it.
"""

from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.services import user_can_edit

from . import mentions
from .models import MAX_BODY_CHARS, Note
from .signals import note_posted


def user_can_note(user, article):
    return user_can_edit(user, article)


def note_rights(user, note, *, can_note):
    """(may edit, may delete) `note`, given whether `user` may note its article at all
    (asked once for a whole panel)."""
    if not can_note:
        return False, False
    own = note.author_id == user.pk
    return own, own or user.has_perm("articles.edit_any_article")


def user_can_edit_note(user, note):
    return note_rights(user, note, can_note=user_can_note(user, note.article))[0]


def user_can_delete_note(user, note):
    return note_rights(user, note, can_note=user_can_note(user, note.article))[1]


def clean_body(body):
    """The body as stored (LF line endings, no surrounding blank space), or ValidationError
    with a message for the person who typed it."""
    # NUL is no text anyone means, and PostgreSQL refuses it in a text column.
    body = (body or "").replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if not body:
        raise ValidationError("Write something before posting the note.")
    if len(body) > MAX_BODY_CHARS:
        raise ValidationError(
            f"A note holds at most {MAX_BODY_CHARS:,} characters; this one has {len(body):,}."
        )
    return body


def _announce(note, mentioned, **extra):
    mentioned = [user for user in mentioned if user.pk != note.author_id]
    transaction.on_commit(
        partial(note_posted.send, sender=Note, note=note, mentioned=mentioned, **extra)
    )


@transaction.atomic
def note_post(*, article, author, body, parent=None):
    """A new thread on `article`, or a reply to `parent`'s thread (a reply to a reply joins
    the thread). A reply reopens a resolved thread: someone has more to say."""
    if not user_can_note(author, article):
        raise PermissionDenied
    body = clean_body(body)
    if parent is not None:
        if parent.article_id != article.pk:
            raise ValidationError("That thread belongs to another article.")
        parent = parent.parent or parent
    note = Note.objects.create(article=article, author=author, parent=parent, body=body)
    mentioned = mentions.find(body)
    note.mentions.set(mentioned)
    if parent is not None and parent.is_resolved:
        Note.objects.filter(pk=parent.pk).update(resolved_at=None, resolved_by=None)
    _announce(note, mentioned)
    return note


@transaction.atomic
def note_edit(*, note, user, body):
    if not user_can_edit_note(user, note):
        raise PermissionDenied
    note.body = clean_body(body)
    note.edited_at = timezone.now()
    note.save(update_fields=["body", "edited_at"])
    before = set(note.mentions.values_list("pk", flat=True))
    mentioned = mentions.find(note.body)
    note.mentions.set(mentioned)
    added = [user for user in mentioned if user.pk not in before]
    if added:
        _announce(note, added, edited=True)
    return note


@transaction.atomic
def note_delete(*, note, user):
    if not user_can_delete_note(user, note):
        raise PermissionDenied
    others_replied = note.replies.exclude(author_id=user.pk).exists()
    if others_replied and not user.has_perm("articles.edit_any_article"):
        raise ValidationError("Others replied in this thread; ask an editor to delete it.")
    note.delete()


@transaction.atomic
def note_resolve(*, note, user, resolved=True):
    """Resolve (or reopen) the thread `note` belongs to."""
    if not user_can_note(user, note.article):
        raise PermissionDenied
    thread = note.parent or note
    thread.resolved_at = timezone.now() if resolved else None
    thread.resolved_by = user if resolved else None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread
