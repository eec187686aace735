from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from shared import renditions
from shared.storage import GeneratedName

# Photos show as circles: square crops, wide enough for the author page on a sharp screen.
PHOTO_RATIO = (1, 1)
PHOTO_WIDTHS = (64, 128, 256)


class User(AbstractUser):
    display_name = models.CharField(
        max_length=100,
        blank=True,
        help_text="The name shown in bylines and on comments. Defaults to the full name.",
    )
    bio = models.TextField(
        blank=True, max_length=2000, help_text="A short biography shown on the author page."
    )
    slug = models.SlugField(
        max_length=150,
        unique=True,
        blank=True,
        help_text="The author page's address, /author/this-slug/. Filled from the name if empty.",
    )
    avatar = models.ImageField(
        "photo",
        upload_to=GeneratedName("avatars"),
        blank=True,
        help_text="Shown on your author page and beside your byline. Location and camera "
        "data are removed on upload.",
    )
    avatar_renditions = models.JSONField(
        default=dict, blank=True, editable=False, help_text="Square copies of the photo."
    )
    notify_on_reply = models.BooleanField(
        "email me when someone replies to my comment", default=True
    )
    sessions_epoch = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Raised by “Log out everywhere else”: a session signed in before ends at "
        "its next request.",
    )

    objects = UserManager()

    class Meta:
        ordering = ["username"]

    def __str__(self):
        return self.public_name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self.unique_slug()
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "avatar" in update_fields:
            self.ensure_photo_renditions()

    def _get_session_auth_hash(self, secret=None):
        # Django ends a session whose stored hash no longer matches this one (a new password
        # does it); "Log out everywhere else" raises `sessions_epoch` to the same effect. At
        # 0 the hash is Django's own, so no one was logged out when this field arrived.
        # (Django's private hook: both get_session_auth_hash and its SECRET_KEY_FALLBACKS
        # variant go through it; tests/accounts/test_log_out_everywhere.py would notice.)
        if not self.sessions_epoch:
            return super()._get_session_auth_hash(secret)
        key_salt = "accounts.User.get_session_auth_hash"
        value = f"{self.password}:{self.sessions_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def get_absolute_url(self):
        return reverse("articles:author", kwargs={"slug": self.slug})

    @property
    def is_pending_signup(self):
        """A reader's sign-up whose address was never confirmed: nobody has used it yet.

        Such an account may be replaced by a new sign-up for the same address, so that a
        stranger who signed up first with someone else's address cannot hand them an
        account whose password the stranger chose. Staff accounts made inactive by an
        editor are never pending sign-ups.
        """
        return not (self.is_active or self.last_login or self.is_staff or self.is_superuser)

    @property
    def public_name(self):
        return self.display_name or self.get_full_name() or self.username

    def ensure_photo_renditions(self):
        """Square renditions of the photo, made once per file; the old set is deleted."""
        previous = self.avatar_renditions
        if not self.avatar:
            made = {}
        elif renditions.is_current(previous, self.avatar):
            return
        else:
            try:
                made = renditions.make_renditions(
                    self.avatar, ratio=PHOTO_RATIO, widths=PHOTO_WIDTHS
                )
            except renditions.UNREADABLE:
                # Recorded as tried, so every later save (each login) does not try again.
                made = {"source": self.avatar.name, "focal": [None, None]}
        if made == previous:
            return
        self.avatar_renditions = made
        User.objects.filter(pk=self.pk).update(avatar_renditions=made)
        renditions.delete_renditions(previous)

    def unique_slug(self):
        base = slugify(self.display_name or self.get_full_name() or self.username)[:140] or "user"
        slug, n = base, 2
        while User.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
