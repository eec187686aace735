"""Who has an article open (Presence) and who holds it for editing (Lock).

Stored in the database rather than the shared cache: the lock must be in the database (it
decides whose save goes through), and a lock is live only while its holder's heartbeats
arrive, so keeping the heartbeats beside it lets one query answer "is the lock live" with
nothing to drift between two stores. A cache entry could also be evicted (Redis runs
`volatile-lru`) and silently free a lock. The cost is one small UPDATE of one row per
heartbeat (an INSERT the first time), shared by every app server through the one database;
no cache key is touched, so no public page goes stale.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils import timezone

# A closed tab drops out within a minute; a heartbeat is due every PRESENCE_HEARTBEAT_SECONDS.
STALE_AFTER = timedelta(seconds=60)


def fresh_since():
    """Heartbeats at or after this moment are live."""
    return timezone.now() - STALE_AFTER


class PresenceQuerySet(models.QuerySet):
    def live(self):
        return self.filter(last_seen__gte=fresh_since())


class Presence(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(help_text="When this person opened the article (this visit).")
    last_seen = models.DateTimeField(help_text="Their latest heartbeat.")

    objects = PresenceQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="presence_one_per_person")
        ]

    def __str__(self):
        return f"{self.user} on article {self.article_id}"

    @property
    def is_live(self):
        return self.last_seen >= fresh_since()


class LockQuerySet(models.QuerySet):
    def with_liveness(self):
        """Each lock's `is_live`: its holder's heartbeats on the article still arrive."""
        holder_here = Presence.objects.live().filter(
            article_id=OuterRef("article_id"), user_id=OuterRef("holder_id")
        )
        return self.select_related("holder", "taken_from").annotate(is_live=Exists(holder_here))


class Lock(models.Model):
    article = models.OneToOneField(
        "articles.Article", on_delete=models.CASCADE, related_name="+", unique=True
    )
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField()
    taken_from = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Who held it before a take-over: told on their next heartbeat.",
    )

    objects = LockQuerySet.as_manager()

    def __str__(self):
        return f"article {self.article_id} held by {self.holder}"
