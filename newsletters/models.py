"""Who gets which mail (`Subscriber`, confirmed by double opt-in), what was sent (`Send`,
one per digest, alert or newsletter), to whom (`Delivery`, written before each handoff so an
interrupted send resumes with no duplicate and no gap) and who must never get mail again
(`Suppression`)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.body import normalize_source
from articles.models import Article, Category
from memberships.audience import member_user_ids
from shared.mail_headers import validate_header_text


class Kind(models.TextChoices):
    DIGEST = "digest", "Daily digest"
    ALERT = "alert", "Breaking-news alerts"
    NEWSLETTER = "newsletter", "Newsletters"


class SubscriberQuerySet(models.QuerySet):
    def reachable(self):
        """Confirmed and not suppressed: the only addresses any send may reach."""
        suppressed = Suppression.objects.filter(email=models.OuterRef("email"))
        return self.filter(confirmed_at__isnull=False).exclude(models.Exists(suppressed))

    def wanting(self, kind):
        return self.reachable().filter(**{wants_field(kind): True})

    def for_alert(self, category=None):
        """Who a breaking-news alert reaches: a section's followers, or everyone taking them."""
        readers = self.wanting(Kind.ALERT)
        return readers.filter(categories=category) if category else readers

    def following_anything(self):
        # EXISTS, not joins with DISTINCT: the batches walk this by pk, 200 at a time.
        def follows(field):
            through = getattr(Subscriber, field).through
            return models.Exists(through.objects.filter(subscriber=models.OuterRef("pk")))

        return self.filter(follows("categories") | follows("tags") | follows("authors"))


class Subscriber(models.Model):
    email = models.EmailField(unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subscriber",
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    wants_digest = models.BooleanField("daily digest", default=True)
    wants_alerts = models.BooleanField("breaking-news alerts", default=True)
    wants_newsletters = models.BooleanField("newsletters", default=True)
    soft_bounces = models.PositiveIntegerField(default=0)
    categories = models.ManyToManyField(Category, blank=True, related_name="+")
    tags = models.ManyToManyField(Tag, blank=True, related_name="+")
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("newsletters:preferences")

    def wants(self, kind):
        return getattr(self, wants_field(kind))


def wants_field(kind):
    return {"digest": "wants_digest", "alert": "wants_alerts", "newsletter": "wants_newsletters"}[
        kind
    ]


class Newsletter(models.Model):
    """An editor-composed issue: an intro and a chosen list of articles."""

    name = models.CharField(
        max_length=120, help_text='The newsletter, e.g. "The Morning Briefing".'
    )
    subject = models.CharField(
        max_length=200,
        validators=[validate_header_text],
        help_text="The subject line readers see (one line).",
    )
    intro = models.TextField(blank=True, help_text="Plain text; blank lines start paragraphs.")
    articles = models.ManyToManyField(
        Article, blank=True, help_text="Only published articles are mailed."
    )
    scheduled_for = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty and use “Send now”, or pick a time."
    )
    tier = models.ForeignKey(
        "memberships.Tier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Members only: only current members of this tier or a higher one receive it. "
        "Empty: every reader taking newsletters.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name}: {self.subject}"

    def save(self, *args, **kwargs):
        # Browsers submit a textarea's lines as CRLF: the intro is split on LF blank lines.
        self.intro = normalize_source(self.intro)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("admin:newsletters_newsletter_change", args=[self.pk])

    def published_articles(self):
        return self.articles.published().select_related("category", "featured_image")


class Send(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        DONE = "done", "Done"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    subject = models.CharField(max_length=200, validators=[validate_header_text])
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL)
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        help_text="For an alert: only this section's followers. Empty: every alert reader.",
    )
    newsletter = models.ForeignKey(Newsletter, null=True, blank=True, on_delete=models.SET_NULL)
    tier = models.ForeignKey(
        "memberships.Tier",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Only current members of this tier or a higher one receive it (judged as each "
        "batch goes).",
    )
    since = models.DateTimeField(null=True, blank=True, help_text="A digest: articles after.")
    digest_day = models.DateField(
        null=True, blank=True, unique=True, help_text="A digest: the day it is for (one a day)."
    )
    run_after = models.DateTimeField(default=timezone.now)
    cursor = models.PositiveBigIntegerField(
        default=0, help_text="The last subscriber given a delivery row; the next batch is after."
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "-created_at"])]
        permissions = [
            ("send_alert", "Can send a breaking-news alert"),
            ("send_newsletter", "Can send a newsletter to its readers"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("admin:newsletters_send_change", args=[self.pk])

    def audience(self):
        """Who this send is for, in subscriber order (the batches walk it by pk)."""
        if self.kind == Kind.ALERT:
            readers = Subscriber.objects.for_alert(self.category_id)
        elif self.kind == Kind.DIGEST:
            readers = Subscriber.objects.wanting(self.kind).following_anything()
        else:
            readers = Subscriber.objects.wanting(self.kind)
        if self.tier_id is not None:
            readers = readers.filter(user__in=member_user_ids(self.tier_id))
        return readers.order_by("pk")


class Delivery(models.Model):
    """One send to one subscriber, written before the message is handed to the backend."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        HANDING = "handing", "Being handed over"
        SENT = "sent", "Sent"
        SKIPPED = "skipped", "Skipped (nothing new)"
        FAILED = "failed", "Failed"
        BOUNCED = "bounced", "Bounced"

    send = models.ForeignKey(Send, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    message_id = models.CharField(max_length=250, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    interrupted = models.BooleanField(
        default=False,
        help_text="A worker stopped while handing this message over; it was sent again with "
        "the same Message-ID.",
    )

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["send", "subscriber"], name="one_delivery_a_reader")
        ]
        indexes = [models.Index(fields=["send", "status"])]

    def __str__(self):
        return f"{self.email} ({self.status})"


class Suppression(models.Model):
    class Reason(models.TextChoices):
        HARD_BOUNCE = "bounce", "Hard bounce"
        SOFT_BOUNCES = "soft", "Repeated soft bounces"
        COMPLAINT = "complaint", "Spam complaint"

    # Lifted by the reader's own confirmed re-subscription; a complaint only by an editor.
    BOUNCES = [Reason.HARD_BOUNCE, Reason.SOFT_BOUNCES]

    email = models.EmailField(unique=True)
    reason = models.CharField(max_length=10, choices=Reason.choices)
    detail = models.TextField(blank=True, help_text="What the provider said.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} ({self.get_reason_display()})"
