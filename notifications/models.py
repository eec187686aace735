from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from . import kinds


class Desk(models.Model):
    """The editors of one category: stories submitted in it are announced to them instead
    of to every editor."""

    category = models.OneToOneField(
        "articles.Category", on_delete=models.CASCADE, related_name="desk"
    )
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="desks",
        blank=True,
        help_text="Told when a story in this category is submitted for review. With nobody "
        "here, every editor is told.",
    )

    class Meta:
        ordering = ["category__name"]

    def __str__(self):
        return f"{self.category} desk"


class NotificationQuerySet(models.QuerySet):
    def in_admin_for(self, user):
        return self.filter(recipient=user, in_admin=True)

    def unread_for(self, user):
        return self.in_admin_for(user).filter(read_at__isnull=True)

    def to_mail(self, user_id):
        return self.filter(recipient_id=user_id, by_email=True, emailed_at__isnull=True)


class Notification(models.Model):
    """One thing one person is told: shown in their admin list, mailed, or both (their
    preferences at the time decided which)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=20, choices=kinds.choices)
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.CharField(max_length=500, help_text="One line, in an editor's words.")
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    in_admin = models.BooleanField(default=True)
    by_email = models.BooleanField(default=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The header's count on every admin page: one person's unread ones.
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True, in_admin=True),
                name="notification_unread",
            ),
            models.Index(
                fields=["recipient"],
                condition=Q(emailed_at__isnull=True, by_email=True),
                name="notification_to_mail",
            ),
            models.Index(fields=["recipient", "-created_at"], name="notification_list"),
        ]

    def __str__(self):
        return self.text

    def get_absolute_url(self):
        """Opening it (marks it read, then goes to its article)."""
        return reverse("notifications:open", args=[self.pk])

    @property
    def is_read(self):
        return self.read_at is not None

    def target_url(self):
        if self.article_id:
            return reverse("admin:articles_article_change", args=[self.article_id])
        return reverse("notifications:list")


class Preference(models.Model):
    """One person's choice for one kind; no row means both channels on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(max_length=20, choices=kinds.choices)
    in_admin = models.BooleanField(default=True)
    by_email = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user}: {self.kind}"


class MailWindow(models.Model):
    """When a person's next notifications e-mail goes: set while one is waiting in the job
    queue, so a second notification inside the window joins that e-mail."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    next_mail_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user}: {self.next_mail_at or 'nothing waiting'}"
