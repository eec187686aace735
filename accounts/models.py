from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils.text import slugify

from newsroom.storage import GeneratedName


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
    avatar = models.ImageField(upload_to=GeneratedName("avatars"), blank=True)
    notify_on_reply = models.BooleanField(
        "email me when someone replies to my comment", default=True
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

    def unique_slug(self):
        base = slugify(self.display_name or self.get_full_name() or self.username)[:140] or "user"
        slug, n = base, 2
        while User.objects.filter(slug=slug).exclude(pk=self.pk).exists():
            slug, n = f"{base}-{n}", n + 1
        return slug
