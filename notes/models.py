"""Notes staff leave on an article: threads of plain text, never shown to readers."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from . import mentions as mention_text

MAX_BODY_CHARS = 5000


class NoteQuerySet(models.QuerySet):
    def for_panel(self):
        """Everything the panel draws, fetched up front: authors, resolvers, mentions."""
        return self.select_related("author", "resolved_by").prefetch_related("mentions")


class Note(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    # Kept when its author's account is deleted: the conversation still makes sense.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
        help_text="The thread's first note; empty for a note that starts a thread.",
    )
    body = models.TextField(max_length=MAX_BODY_CHARS)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # Set on a thread's first note only: the whole thread is resolved or open.
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["article", "created_at"])]

    def __str__(self):
        return f"Note {self.pk} on article {self.article_id}"

    @property
    def thread_id(self):
        return self.parent_id or self.pk

    @property
    def is_resolved(self):
        return self.resolved_at is not None

    @property
    def body_html(self):
        return mention_text.render(self.body, self.mentions.all())
