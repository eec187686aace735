"""The updates of a live page: short, timestamped posts under an article that is live.

Whether an article is a live page is the article's own (`Article.live_started_at`,
`live_ended_at`, `live_updated_at`); its updates are this app's. Every write goes through
`live.services`, which holds the role rules and names the one key an update changes:
"live:<article id>" (`shared.keys.live_key`).
"""

from html import unescape

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from articles.body import normalize_source, render_body
from articles.models import Article, Image
from articles.typography import typeset
from shared.keys import live_key


class LiveUpdateQuerySet(models.QuerySet):
    def visible(self):
        """What readers see: every update not deleted."""
        return self.filter(deleted_at__isnull=True)

    def of(self, article):
        return self.filter(article=article)

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_display(self):
        return self.select_related("author", "image")

    def stream(self):
        """The updates in the stream, below the pinned one (shown once, above them)."""
        return self.visible().filter(is_pinned=False).newest_first()


class LiveUpdate(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="live_updates")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    headline = models.CharField(
        max_length=200, blank=True, help_text="Optional: a few words above the update."
    )
    body = models.TextField(help_text="Markdown, as in articles. A few short paragraphs.")
    body_html = models.TextField(blank=True, editable=False)
    image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional: a picture from the library, shown under the text.",
    )
    embed_url = models.URLField(
        "embed",
        max_length=500,
        blank=True,
        help_text="Optional: a YouTube video or an X post; other addresses become a link.",
    )
    embed_html = models.TextField(blank=True, editable=False)
    is_key_point = models.BooleanField(
        "key point", default=False, help_text="Listed among the key points at the top."
    )
    is_pinned = models.BooleanField(
        "pinned",
        default=False,
        help_text="Shown above the stream until unpinned; pinning one unpins the other.",
    )
    is_correction = models.BooleanField(
        "corrected",
        default=False,
        help_text="An edit corrected a mistake: readers see “Corrected”.",
    )
    published_at = models.DateTimeField(help_text="When it was posted; the time readers see.")
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, help_text="Bumped on every change readers see, so open pages replace it."
    )

    objects = LiveUpdateQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "embed_html"])

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["article", "deleted_at", "is_pinned", "-published_at"],
                name="live_update_stream_idx",
            ),
        ]
        permissions = [
            ("edit_any_liveupdate", "Can edit, pin and delete anyone's live updates"),
            ("run_live_coverage", "Can start and end live coverage"),
        ]

    def __str__(self):
        return self.headline or self.body[:60]

    def save(self, *args, **kwargs):
        # Every way in stores the same characters as articles do, through the same sanitiser.
        self.headline = typeset(self.headline)
        self.body = normalize_source(self.body)
        self.body_html = render_body(self.body)
        self.embed_html = render_body(f"[[embed: {self.embed_url}]]") if self.embed_url else ""
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """A permalink that finds the update on whichever page of the stream it is now."""
        return reverse("live:update", args=[self.pk])

    @property
    def cache_key(self):
        return live_key(self.article_id)

    @property
    def is_deleted(self):
        return self.deleted_at is not None

    @property
    def anchor(self):
        return f"update-{self.pk}"

    @property
    def text(self):
        """The update as plain text (its rendered body without the markup)."""
        return " ".join(unescape(strip_tags(self.body_html)).split())

    @property
    def summary(self):
        """How the key points list names the update: its headline, or its first words."""
        return self.headline or Truncator(self.text).chars(100)
