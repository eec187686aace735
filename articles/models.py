import math

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from taggit.managers import TaggableManager

from .body import render_body


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="The address: /category/<slug>/.")
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the category page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the category bar: lower numbers come first."
    )
    shows_trending = models.BooleanField(
        "lists trending articles",
        default=False,
        help_text="This entry in the bar lists the most-read articles of the moment instead of "
        "articles filed under it. Articles cannot be filed under it.",
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class Image(models.Model):
    file = models.ImageField(upload_to="images/%Y/%m/", width_field="width", height_field="height")
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the picture for readers who cannot see it. Required before an "
        "article that uses the image can be published.",
    )
    caption = models.CharField(max_length=300, blank=True)
    credit = models.CharField(max_length=150, blank=True, help_text="Photographer or agency.")
    licence = models.CharField(max_length=200, blank=True, help_text="Terms of use, for editors.")
    focal_x = models.FloatField(
        null=True, blank=True, help_text="Horizontal focal point, 0 (left) to 1 (right)."
    )
    focal_y = models.FloatField(
        null=True, blank=True, help_text="Vertical focal point, 0 (top) to 1 (bottom)."
    )
    renditions = models.JSONField(
        default=dict,
        blank=True,
        editable=False,
        help_text="Resized copies, made once: {format: {width: storage name}}.",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.alt_text or self.caption or self.file.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_listing(self):
        """What a card shows, fetched up front so no template triggers a query."""
        return self.select_related("category", "featured_image").prefetch_related("authors")

    def latest_first(self):
        return self.order_by("-published_at", "-pk")


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, help_text="The permanent address: /articles/<slug>/."
    )
    standfirst = models.CharField(
        max_length=400, blank=True, help_text="One or two sentences under the headline."
    )
    body = models.TextField(blank=True, help_text="Markdown. Never HTML.")
    body_html = models.TextField(blank=True, editable=False)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True)
    authors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="articles")
    featured_image = models.ForeignKey(
        Image, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=12, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the article goes public. A time in the future schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_featured = models.BooleanField(
        "featured", default=False, help_text="Show among the home page's lead and top stories."
    )
    feature_position = models.PositiveSmallIntegerField(
        default=0, help_text="Order among featured stories: lower comes first."
    )
    comments_open = models.BooleanField(default=True)
    seo_title = models.CharField(max_length=200, blank=True, help_text="Overrides the headline.")
    seo_description = models.CharField(
        max_length=300, blank=True, help_text="Overrides the standfirst for search and sharing."
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            models.Index(
                fields=["category", "status", "-published_at"], name="article_category_idx"
            ),
            models.Index(
                fields=["is_featured", "feature_position", "-published_at"],
                name="article_featured_idx",
            ),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body_html = render_body(self.body)
        if kwargs.get("update_fields") is not None and "body" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        """The row-level mirror of ArticleQuerySet.published()."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @cached_property
    def byline(self):
        return list(self.authors.all())

    @property
    def reading_minutes(self):
        words = len(self.body.split())
        return max(1, math.ceil(words / 230))
