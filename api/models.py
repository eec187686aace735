"""Credentials of the API: keys for reading partners, tokens for staff integrations.

Both are random secrets shown once when made and kept only as a SHA-256 digest: a
256-bit random value needs no slow hash (nothing to guess), and the digest is looked up
directly. A key only raises read limits; a token acts with its staff account's rights.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone

from . import conf


def digest(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


def credential_cache_key(secret_digest):
    return f"api:credential:{secret_digest}"


class CredentialQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class Credential(models.Model):
    PREFIX = ""

    name = models.CharField(max_length=100, help_text="Who or what uses it, e.g. “Partner app”.")
    key_prefix = models.CharField(
        max_length=16, editable=False, help_text="The first characters, to recognise it."
    )
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = CredentialQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.key_prefix}…)"

    def issue(self):
        """Give the credential a new secret and return it: the only time it is seen."""
        secret = self.PREFIX + secrets.token_urlsafe(32)
        self.key_prefix = secret[:12]
        self.key_digest = digest(secret)
        return secret

    @property
    def is_active(self):
        return self.revoked_at is None

    def revoke(self):
        self.revoked_at = timezone.now()
        self.save(update_fields=["revoked_at"])
        cache.delete(credential_cache_key(self.key_digest))


class ApiKey(Credential):
    """Issued by editors to partners who read a lot; reading never needs one."""

    PREFIX = "nrk_"

    contact = models.EmailField(blank=True, help_text="Whom to tell about changes or abuse.")
    requests_per_minute = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="This key's limit. Empty: the default for keys "
        f"({conf.DEFAULTS['API_RATE_KEYED']} a minute unless the settings say otherwise).",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta(Credential.Meta):
        verbose_name = "API key"

    def rate(self):
        return self.requests_per_minute or conf.setting("API_RATE_KEYED")


class StaffToken(Credential):
    """Lets an integration write articles as one staff account, with exactly its rights."""

    PREFIX = "nrt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta(Credential.Meta):
        verbose_name = "staff API token"
