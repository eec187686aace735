from django.db import models


class Level(models.TextChoices):
    BLOCK = "block", "Blocks publishing"
    WARN = "warn", "Warns (the editor may publish anyway)"


def _level(label, default, help_text):
    return models.CharField(
        label, max_length=5, choices=Level, default=default, help_text=help_text
    )


class PublishCheckSettings(models.Model):
    """How each pre-publish check counts: one row, edited in the admin (like SiteIdentity).
    Until it exists, the defaults stand: missing alt text and links to articles readers
    cannot open block; the rest warn."""

    alt_text = _level(
        "pictures without alt text",
        Level.BLOCK,
        "Featured, social and body pictures. The body's pictures and the featured image "
        "always need alt text to publish (the workflow's own rule); “warns” relaxes the "
        "social image only.",
    )
    headline_length = _level("headline length", Level.WARN, "A headline over 70 characters.")
    seo_title_length = _level(
        "search title length", Level.WARN, "The title search engines show, over 60 characters."
    )
    seo_description_length = _level(
        "search description length",
        Level.WARN,
        "The description search engines show, outside 50–160 characters.",
    )
    category = _level("no category", Level.WARN, "")
    byline = _level("no byline", Level.WARN, "")
    featured_image = _level("no featured image", Level.WARN, "")
    heading_order = _level(
        "headings out of order", Level.WARN, "An H3 before any H2, or a level skipped."
    )
    vague_link_text = _level(
        "links whose text says nothing", Level.WARN, "“click here”, “read more”, “this”…"
    )
    private_links = _level(
        "links to our articles readers cannot open",
        Level.BLOCK,
        "A link to one of our articles that is a draft, scheduled, archived or gone.",
    )
    broken_links = _level(
        "links that answer 404",
        Level.WARN,
        "Checked in the background after each save; shown once known.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "pre-publish check settings"

    def __str__(self):
        return "Pre-publish check settings"

    @classmethod
    def current(cls):
        return cls.objects.first() or cls()

    def blocks(self, check):
        return getattr(self, check) == Level.BLOCK


class LinkCheck(models.Model):
    """What an address in a body answered when last asked (tasks.check_links)."""

    url = models.URLField(max_length=2000, unique=True)
    status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status; empty when it could not be asked."
    )
    error = models.CharField(max_length=300, blank=True)
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["-checked_at"]

    def __str__(self):
        return f"{self.url}: {self.status or self.error}"

    @property
    def is_broken(self):
        return self.status in {404, 410}
