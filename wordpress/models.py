"""What the importer remembers: which WordPress item became which row, the old addresses
that answer 301, and each run's report. The tables keep the names they had when these
models lived in articles (db_table), so a site that ran the importer keeps its rows."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from articles.models import Image


class WordPressItem(models.Model):
    """One WordPress object, keyed on the export's site URL and its WordPress id, so a
    second run of the same export updates the row it made instead of adding another."""

    class Kind(models.TextChoices):
        POST = "post", "Post"
        PAGE = "page", "Page"
        ATTACHMENT = "attachment", "Image"
        AUTHOR = "author", "Author"
        COMMENT = "comment", "Comment"
        CATEGORY = "category", "Category"
        TAG = "tag", "Tag"

    site_url = models.CharField(max_length=200)
    kind = models.CharField(max_length=12, choices=Kind)
    wp_id = models.CharField(max_length=100, help_text="WordPress id (an author's login).")
    object_id = models.PositiveBigIntegerField(help_text="The row it became here.")

    class Meta:
        db_table = "articles_wordpressitem"
        constraints = [
            models.UniqueConstraint(
                fields=["site_url", "kind", "wp_id"], name="wordpress_item_unique"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.wp_id} of {self.site_url}"


class OldAddress(models.Model):
    """An address a previous site used (a permalink, ?p=12, /category/news/feed/) that now
    answers 301 with the new one. Articles and pages redirect only while they are public."""

    path = models.CharField(max_length=500, unique=True, help_text="Path and query, e.g. /?p=12")
    article = models.ForeignKey(
        "articles.Article", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    page = models.ForeignKey(
        "pages.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    image = models.ForeignKey(
        "articles.Image",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="An imported picture: its old /wp-content/uploads/ address leads to its file.",
    )
    url = models.CharField(max_length=500, blank=True, help_text="A fixed new address.")

    class Meta:
        db_table = "articles_oldaddress"
        verbose_name_plural = "old addresses"

    def __str__(self):
        return f"{self.path} → {self.target or '(not public)'}"

    @property
    def target(self):
        if self.article_id:
            return self.article.get_absolute_url() if self.article.is_published else None
        if self.page_id:
            return self.page.get_absolute_url() if self.page.is_published else None
        if self.image_id:
            return self.image.file.url  # the current file, also after it was replaced
        return self.url or None


class WordPressImport(models.Model):
    """One run of the importer and its report, kept for editors."""

    file_name = models.CharField(max_length=255)
    site_url = models.CharField(max_length=200, blank=True)
    is_dry_run = models.BooleanField("dry run", default=False)
    report = models.JSONField(default=dict)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "articles_wordpressimport"
        ordering = ["-started_at"]
        verbose_name = "WordPress import"

    def __str__(self):
        return f"{self.file_name} ({self.started_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("admin:wordpress_wordpressimport_change", args=[self.pk])


class ImageLackingAltText(Image):
    """The library's images with no alt text, listed for editors to describe: an imported
    article stays published without it, but readers who cannot see the picture need it."""

    class Meta:
        proxy = True
        verbose_name = "image lacking alt text"
        verbose_name_plural = "images lacking alt text"
