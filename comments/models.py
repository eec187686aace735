from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from shared.cache import content_changed
from shared.keys import comments_key

from . import conf
from .text import render_comment


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Comment.Status.APPROVED)

    def shown_in_threads(self):
        """What a thread draws: approved comments, and removed ones as placeholders."""
        return self.filter(Comment.shown_in_threads_q())

    def needs_review(self):
        return self.filter(
            Q(status=Comment.Status.PENDING) | Q(flag_count__gt=0) | ~Q(held_edit="")
        ).exclude(status__in=[Comment.Status.SPAM, Comment.Status.REMOVED])

    def for_display(self):
        return self.select_related("author")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        APPROVED = "approved", "Approved"
        SPAM = "spam", "Spam"
        REMOVED = "removed", "Removed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="comments",
        help_text="Empty once the commenter deleted their account: shown as “deleted user”.",
    )
    posted_as = models.CharField(
        max_length=200,
        blank=True,
        help_text="The name an imported comment was posted under; its commenter has no "
        "account here.",
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    # The top comment of the thread (itself for a top comment), so one query fetches a
    # page of whole threads.
    root = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="+", editable=False
    )
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    # The comment the reader pressed "reply" on. Usually the parent, but past the deepest
    # level a reply is filed under an ancestor, and the person answered is still this one.
    replied_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    is_reply_notified = models.BooleanField(
        default=False,
        editable=False,
        help_text="The person replied to has been told; a held reply tells them on approval.",
    )
    body = models.TextField(help_text="Plain text as the reader wrote it.")
    body_html = models.TextField(blank=True, editable=False)
    held_edit = models.TextField(
        blank=True,
        editable=False,
        help_text="The author's edit of this approved comment, held by the moderation rules; "
        "readers see the approved text until an editor approves the edit.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    moderation_note = models.CharField(
        max_length=200, blank=True, help_text="Why the rules held this comment for review."
    )
    flag_count = models.PositiveIntegerField(default=0, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_idx"),
            models.Index(fields=["root", "created_at"], name="comment_thread_idx"),
            models.Index(fields=["author", "status"], name="comment_author_idx"),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.article}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        self.body_html = render_comment(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        before = getattr(self, "_loaded_state", None) if self.pk else None
        if self.pk and before is None:
            before = type(self).objects.filter(pk=self.pk).values_list("status", "body").first()
        super().save(*args, **kwargs)
        # Readers see a comment only in its thread: a held or spam comment changes nothing,
        # and a visible one changes only its article's comments.
        shown = self.Status.APPROVED, self.Status.REMOVED
        was_shown = before is not None and before[0] in shown
        if (was_shown or self.status in shown) and before != (self.status, self.body):
            content_changed(self.comments_key)
        self._loaded_state = (self.status, self.body)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#comment-{self.pk}"

    @classmethod
    def from_db(cls, db, field_names, values):
        comment = super().from_db(db, field_names, values)
        if "status" in field_names and "body" in field_names:
            comment._loaded_state = (comment.status, comment.body)
        return comment

    @property
    def comments_key(self):
        return comments_key(self.article_id)

    @classmethod
    def shown_in_threads_q(cls):
        """The one rule for which comments a thread shows, for filters and aggregates."""
        return models.Q(status__in=[cls.Status.APPROVED, cls.Status.REMOVED])

    def get_edit_url(self):
        return reverse("comments:edit", kwargs={"pk": self.pk})

    @property
    def author_name(self):
        if self.author_id:
            return self.author.public_name
        return self.posted_as or "deleted user"

    @property
    def is_pending(self):
        return self.status == self.Status.PENDING

    @property
    def is_removed(self):
        return self.status == self.Status.REMOVED

    def can_be_edited_by(self, user, now=None):
        window = timedelta(seconds=conf.edit_window_seconds())
        return (
            user.is_authenticated
            and self.author_id == user.pk
            and self.status not in (self.Status.REMOVED, self.Status.SPAM)
            and (now or timezone.now()) - self.created_at <= window
        )

    def can_be_deleted_by(self, user):
        return user.is_authenticated and self.author_id == user.pk and not self.is_removed


class CommentFlag(models.Model):
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_flags"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["comment", "user"], name="one_flag_per_reader")
        ]

    def __str__(self):
        return f"{self.user} flagged comment {self.comment_id}"


class CommentBan(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="comment_ban"
    )
    reason = models.CharField(max_length=200, blank=True, help_text="For editors; not shown.")
    banned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "commenter ban"

    def __str__(self):
        return f"{self.user} may not comment"


def comments_are_open(article, now=None):
    """Open when the article is public, its editor left comments on, and it is not too old."""
    if not (article.is_published and article.comments_open):
        return False
    days = conf.close_after_days()
    if days is None:
        return True
    return (now or timezone.now()) < article.published_at + timedelta(days=days)
