"""Tiers, members and who may read what.

A `Membership` says which tier a reader belongs to and until when; whether it counts is
decided at every read from its status and `current_period_end` (an expired or cancelled
membership loses access at once, with no job to run). `source` and the provider ids are
there for the payment provider to come (memberships/providers.py); an Editor can grant a
complimentary one in the admin today. Group access (an institution) needs no row per
reader: a group tier names e-mail domains and address ranges.

`AccessRule` is kept here, not as columns on `Article`: the article app stays ignorant of
walls, and `published()` stays the one rule for "public" (a rule narrows it, never widens).
"""

import ipaddress

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


def lines(text):
    return [line.strip().lower() for line in (text or "").splitlines() if line.strip()]


class Tier(models.Model):
    class Kind(models.TextChoices):
        FREE = "free", "Free (registered readers)"
        PAID = "paid", "Paid"
        COMPLIMENTARY = "complimentary", "Complimentary (granted by an Editor)"
        GROUP = "group", "Group (an institution)"

    name = models.CharField(max_length=80)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PAID)
    description = models.TextField(blank=True, help_text="Shown with the offer.")
    monthly_price = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Paid tiers only."
    )
    yearly_price = models.DecimalField(
        max_digits=8, decimal_places=2, null=True, blank=True, help_text="Paid tiers only."
    )
    email_domains = models.TextField(
        blank=True,
        help_text="Group tiers: one domain a line (example.edu). Readers signed in with a "
        "confirmed address there read as members of this tier.",
    )
    ip_ranges = models.TextField(
        blank=True,
        help_text="Group tiers: one address or range a line (192.0.2.0/24, 2001:db8::/32).",
    )
    is_active = models.BooleanField(default=True, help_text="Inactive tiers are not offered.")
    position = models.PositiveSmallIntegerField(default=0)
    # An explicit rank, not the price: complimentary and group tiers have no price and
    # still need a place (an institution reading as the top tier), and a price change or a
    # sale must not quietly change who reads what.
    rank = models.PositiveSmallIntegerField(
        default=0,
        help_text="Higher includes lower: a story for members of a tier is open to every "
        "tier of a higher rank. Tiers of equal rank are peers and do not include each other.",
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        problems = {}
        if self.kind == self.Kind.PAID and not (self.monthly_price or self.yearly_price):
            problems["monthly_price"] = "A paid tier needs a monthly or a yearly price."
        if self.kind != self.Kind.PAID and (self.monthly_price or self.yearly_price):
            problems["monthly_price"] = "Only paid tiers have prices."
        if self.kind == self.Kind.GROUP and not (lines(self.email_domains) or self.networks()):
            problems["email_domains"] = "A group tier needs an e-mail domain or an address range."
        if self.kind != self.Kind.GROUP and (lines(self.email_domains) or lines(self.ip_ranges)):
            problems["email_domains"] = "Only group tiers have domains and address ranges."
        for line in lines(self.ip_ranges):
            try:
                ipaddress.ip_network(line, strict=False)
            except ValueError:
                problems["ip_ranges"] = f"“{line}” is not an address or a range (192.0.2.0/24)."
        if problems:
            raise ValidationError(problems)

    def networks(self):
        found = []
        for line in lines(self.ip_ranges):
            try:
                found.append(ipaddress.ip_network(line, strict=False))
            except ValueError:
                continue  # refused by clean(); a row written around it is ignored
        return found

    @property
    def is_membership(self):
        """Whether belonging to it makes a reader a member (every tier but the free one)."""
        return self.kind != self.Kind.FREE

    def or_higher(self):
        return f"{self.name} or higher"


class Membership(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Payment failed (in its grace period)"
        CANCELLED = "cancelled", "Cancelled"

    class Source(models.TextChoices):
        COMPLIMENTARY = "complimentary", "Complimentary (granted by an Editor)"
        PROVIDER = "provider", "Paid through the payment provider"
        IMPORT = "import", "Imported"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    tier = models.ForeignKey(Tier, on_delete=models.PROTECT, related_name="memberships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    current_period_end = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Access ends at this time. Empty: no end (a complimentary membership).",
    )
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.COMPLIMENTARY)
    provider_customer = models.CharField(max_length=255, blank=True, editable=False)
    provider_subscription = models.CharField(max_length=255, blank=True, editable=False)
    provider_synced_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="The time of the provider's latest state applied; older news is ignored.",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    note = models.CharField(max_length=255, blank=True, help_text="Why it was granted.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "status"])]

    def __str__(self):
        return f"{self.user} — {self.tier}"

    def is_current(self, now=None):
        if self.status == self.Status.CANCELLED:
            return False
        now = now or timezone.now()
        return self.current_period_end is None or self.current_period_end > now


class Level(models.TextChoices):
    EVERYONE = "everyone", "Everyone, in full"
    METERED = "metered", "Everyone, metered (a few a month, then the offer)"
    REGISTERED = "registered", "Registered readers"
    MEMBERS = "members", "Members (any paid, complimentary or group tier)"
    TIER = "tier", "Members of a tier or higher"


class AccessRule(models.Model):
    """Who may read one article, one static page, or (as the default for its articles)
    one category, in full. Without a rule an article is open to everyone."""

    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    category = models.OneToOneField(
        "articles.Category", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    page = models.OneToOneField(
        "pages.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    level = models.CharField(max_length=20, choices=Level.choices, default=Level.METERED)
    tier = models.ForeignKey(
        Tier,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Only for “Members of a tier or higher”: this tier and every tier "
        "ranked above it.",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="access_rule_one_target",
                condition=(
                    Q(article__isnull=False, category__isnull=True, page__isnull=True)
                    | Q(article__isnull=True, category__isnull=False, page__isnull=True)
                    | Q(article__isnull=True, category__isnull=True, page__isnull=False)
                ),
            )
        ]

    def __str__(self):
        target = self.article or self.category or self.page
        return f"{target}: {self.who_may_read()}"

    def who_may_read(self):
        if self.level == Level.TIER and self.tier_id is not None:
            return f"Members of {self.tier.or_higher()}"
        return self.get_level_display()

    def clean(self):
        if sum(bool(x) for x in (self.article_id, self.category_id, self.page_id)) != 1:
            raise ValidationError("Choose one article, one category or one page.")
        if self.level == Level.TIER and self.tier_id is None:
            raise ValidationError({"tier": "Choose the tier whose members may read it."})
        if self.level != Level.TIER and self.tier_id is not None:
            raise ValidationError(
                {"tier": "A tier is chosen only for “Members of a tier or higher”."}
            )


class MeterSettings(models.Model):
    """The meter: how many metered stories a month a reader reads before the offer. One row."""

    anonymous_limit = models.PositiveSmallIntegerField(
        default=5, help_text="Stories a month for readers who are not signed in."
    )
    registered_limit = models.PositiveSmallIntegerField(
        default=10, help_text="Stories a month for signed-in readers who are not members."
    )

    class Meta:
        verbose_name = verbose_name_plural = "meter settings"

    def __str__(self):
        return "Meter"

    def save(self, *args, **kwargs):
        self.pk = 1  # one row: a second "add" replaces the first
        super().save(*args, **kwargs)


class ProviderEvent(models.Model):
    """One event a payment provider sent, kept by its id so a second delivery changes
    nothing (memberships/stripe_provider.py). `outcome` says what it did, for the admin."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=255)
    type = models.CharField(max_length=100)
    created = models.DateTimeField(help_text="When the provider says it happened.")
    received_at = models.DateTimeField(auto_now_add=True)
    customer = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "event_id"], name="provider_event_once")
        ]

    def __str__(self):
        return f"{self.type} {self.event_id}"


class ReconciliationRun(models.Model):
    """One nightly reconciliation with the provider: the unique day makes it run once,
    however many job workers ask (jobs/periodic.py)."""

    day = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    checked = models.PositiveIntegerField(default=0)
    mended = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"Reconciliation {self.day}"


class GiftLink(models.Model):
    """A story a member shared in full (memberships/gifts.py). The row counts the giver's
    gifts this month and lets a gift be taken back; the link itself is signed."""

    giver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="gift_links"
    )
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["giver", "created_at"])]

    def __str__(self):
        return f"{self.giver} gave {self.article}"
