"""Fronts: the home page and each category page as an ordered set of zones.

A `Front` belongs to the home page (no category) or to one category page. Its `Zone`s are
drawn in order by templates that know each kind (lead, top stories, ...); a zone is filled
by its `Placement`s (stories placed by hand, in order), and what they leave empty, or a
placed story that is no longer public, is filled by the zone's automatic rule (backfill).
A placement may give its story a front-only headline, standfirst, picture and label.

Built for the layout editor to come (drafts, a layout scheduled for a time, history,
revert): the layout here is the one readers see; a `FrontVersion` row will keep a copy of a
layout (zones and placements as JSON) with who saved it, when, and when it takes over
(`publish_at`), and publishing one rewrites these rows through `fronts.services`.

The breaking-news `Banner` is one row a time; clearing it keeps the row for the record.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.images import Image
from articles.models import Article, Category


class Front(models.Model):
    category = models.OneToOneField(
        Category,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="front",
        help_text="Leave empty for the home page.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )

    class Meta:
        constraints = [
            # The home page is the NULL category, and a plain unique column lets several
            # NULLs through (SQLite and PostgreSQL alike).
            models.UniqueConstraint(
                Coalesce("category_id", 0),
                name="fronts_one_front_per_page",
                violation_error_message="This page already has a front.",
            ),
        ]

    def __str__(self):
        return f"{self.category.name} front" if self.category_id else "Home front"

    def get_absolute_url(self):
        return self.category.get_absolute_url() if self.category_id else reverse("articles:home")


class Zone(models.Model):
    class Kind(models.TextChoices):
        LEAD = "lead", "Lead"
        TOP = "top", "Top stories"
        CARDS = "cards", "Row of cards"
        RAIL = "rail", "Rail"
        LIST = "list", "List"
        LIVE = "live", "Live now"
        MOST_READ = "most_read", "Most read"
        TEASER = "teaser", "Section teaser"

    class Rule(models.TextChoices):
        NONE = "", "None (curated only)"
        NEWEST = "newest", "Newest stories"
        CATEGORY = "category", "Newest in a category"
        TAG = "tag", "Newest with a tag"
        AUTHOR = "author", "Newest by an author"
        MOST_READ = "most_read", "Most read"
        LIVE = "live", "Live pages"

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="zones")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.CARDS)
    title = models.CharField(
        max_length=80, blank=True, help_text="Shown above the zone (a lead has none)."
    )
    size = models.PositiveSmallIntegerField(
        default=4, help_text="How many stories the zone shows (1 to 12)."
    )
    rule = models.CharField(
        max_length=16,
        choices=Rule.choices,
        blank=True,
        help_text="Fills the slots the placed stories leave empty, and takes the place of "
        "a placed story that is no longer published.",
    )
    # What a rule follows; when it is deleted the zone stays, showing its placed stories.
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gte=1, size__lte=12), name="fronts_zone_size_1_to_12"
            ),
        ]

    def __str__(self):
        return self.title or self.get_kind_display()

    def clean(self):
        from django.core.exceptions import ValidationError

        needs = {self.Rule.CATEGORY: "category", self.Rule.TAG: "tag", self.Rule.AUTHOR: "author"}
        field = needs.get(self.rule)
        if field and getattr(self, f"{field}_id") is None:
            raise ValidationError({field: f"Choose the {field} this rule follows."})


class Placement(models.Model):
    class Label(models.TextChoices):
        NONE = "", "No label"
        ANALYSIS = "analysis", "Analysis"
        EXCLUSIVE = "exclusive", "Exclusive"
        LIVE = "live", "Live"
        DEVELOPING = "developing", "Developing"

    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="placements")
    position = models.PositiveSmallIntegerField(default=0)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    headline = models.CharField(
        max_length=200, blank=True, help_text="On this front only; the story keeps its own."
    )
    standfirst = models.CharField(max_length=300, blank=True, help_text="On this front only.")
    image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="On this front only; cropped around its own focal point.",
    )
    label = models.CharField(max_length=16, choices=Label.choices, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.headline or str(self.article)


class FrontVersion(models.Model):
    """One saved layout of a front: its zones, their rules and placed stories with their
    front-only presentation, as JSON (fronts/versions.py spells its shape), with who saved
    it and when. Applied: the layout readers saw from `applied_at`. Scheduled: applied by
    the clock at `publish_at` (the first page asked after it, fronts/state.py). Proposed: a
    Writer's, kept until an Editor publishes or rejects it. `based_on`: the published layout
    it was made from, so publishing it later can say what was published since. Cancelled:
    a schedule an Editor called off (`rejected_by` says who, as for a rejected proposal)."""

    class Status(models.TextChoices):
        APPLIED = "applied", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        PROPOSED = "proposed", "Proposed"
        REJECTED = "rejected", "Rejected"
        CANCELLED = "cancelled", "Schedule cancelled"

    front = models.ForeignKey(Front, on_delete=models.CASCADE, related_name="versions")
    layout = models.JSONField()
    summary = models.CharField(max_length=300, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.APPLIED)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish_at = models.DateTimeField(null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    based_on = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    rejection_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="fronts_version_due")]

    def __str__(self):
        return f"{self.front} on {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def rejection(self):
        """ "Rejected by Sofia Reyes: too quiet for a lead", as the history shows it."""
        by = f" by {self.rejected_by}" if self.rejected_by_id else ""
        why = f": {self.rejection_note}" if self.rejection_note else ""
        return f"Rejected{by}{why}"


class BannerQuerySet(models.QuerySet):
    def current(self, now=None):
        """The banner readers see now: set, not cleared, not expired (the newest if more)."""
        now = now or timezone.now()
        return (
            self.filter(cleared_at__isnull=True)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
            .order_by("-set_at", "-pk")
        )


class Banner(models.Model):
    class Urgency(models.TextChoices):
        BREAKING = "breaking", "Breaking"
        DEVELOPING = "developing", "Developing"
        NOTICE = "notice", "Notice"

    text = models.CharField(max_length=200)
    link = models.CharField(
        max_length=500, blank=True, help_text="An address on this site (/...) or https://..."
    )
    urgency = models.CharField(max_length=16, choices=Urgency.choices, default=Urgency.BREAKING)
    expires_at = models.DateTimeField(null=True, blank=True)
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = BannerQuerySet.as_manager()

    class Meta:
        ordering = ["-set_at", "-pk"]
        permissions = [("set_banner", "Can set and clear the breaking-news banner")]

    def __str__(self):
        return self.text
