import secrets

from django.db import models


class Event(models.TextChoices):
    ARTICLE_PUBLISHED = "article.published", "Article published"
    ARTICLE_UPDATED = "article.updated", "Published article updated"
    ARTICLE_UNPUBLISHED = "article.unpublished", "Article unpublished"
    COMMENT_APPROVED = "comment.approved", "Comment approved"
    PAGE_PUBLISHED = "page.published", "Page published"


TEST_EVENT = "webhook.test"


def new_secret():
    return secrets.token_urlsafe(32)


class EndpointQuerySet(models.QuerySet):
    def subscribed_to(self, event):
        # The list of events is a JSON array; endpoints are few, so filter in Python rather
        # than rely on JSON containment, which SQLite lacks.
        return [endpoint for endpoint in self.filter(is_active=True) if event in endpoint.events]


class Endpoint(models.Model):
    name = models.CharField(max_length=100, help_text="Who receives this, e.g. “Partner app”.")
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Where events are POSTed as JSON. Internal addresses are refused.",
    )
    secret = models.CharField(
        max_length=100,
        default=new_secret,
        help_text="Shared with the receiver, which checks each request's signature with it.",
    )
    events = models.JSONField(default=list, blank=True, help_text="The events to send.")
    is_active = models.BooleanField("active", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EndpointQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Delivery(models.Model):
    """One event for one endpoint, with the outcome of its latest attempt."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SUCCEEDED = "succeeded", "Delivered"
        FAILED = "failed", "Failed (retried with backoff)"
        REFUSED = "refused", "Refused (internal address)"

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40)
    event_id = models.UUIDField(help_text="The same on every retry: receivers dedupe by it.")
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    attempted_at = models.DateTimeField(null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_body = models.TextField(blank=True, help_text="The start of the receiver's answer.")
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["endpoint", "-created_at"])]

    def __str__(self):
        return f"{self.event} to {self.endpoint}"
