"""Receivers for this app's data that no save of its own names (shared/keys.py).

A comment's save names its thread itself (Comment.save); its deletion, which no save sees,
names it here. A flag or a ban changes only that reader's own kept state.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shared.cache import content_changed
from shared.keys import reader_key

from .models import Comment, CommentBan, CommentFlag


@receiver(post_delete, sender=Comment, dispatch_uid="comments-comment-delete")
def on_comment_deleted(sender, instance, **kwargs):
    content_changed(instance.comments_key)


@receiver(post_save, sender=CommentFlag, dispatch_uid="comments-flag-save")
@receiver(post_delete, sender=CommentFlag, dispatch_uid="comments-flag-delete")
@receiver(post_save, sender=CommentBan, dispatch_uid="comments-ban-save")
@receiver(post_delete, sender=CommentBan, dispatch_uid="comments-ban-delete")
def on_reader_state_change(sender, instance, **kwargs):
    """A flag or a ban: only that reader's own kept state is stale."""
    content_changed(reader_key(instance.user_id))
