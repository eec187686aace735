import math
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from shared import keys
from shared.cache import content_changed

from . import public_keys
from .body import image_shortcode_regex, normalize_source, render_body
from .images import Image  # noqa: F401  (the library's pictures, defined beside their renditions)
from .typography import typeset


class CategoryQuerySet(models.QuerySet):
    def for_navigation(self):
        """The category bar, in its order: the same list on every page."""
        return self.filter(in_category_bar=True).order_by("position", "name")


class Category(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The page's address: /category/this-slug/."
    )
    description = models.TextField(
        blank=True, help_text="One or two sentences shown at the top of the category page."
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the category bar: lower numbers come first."
    )
    in_category_bar = models.BooleanField(
        "in the category bar",
        default=True,
        help_text="Shown in the bar at the top of every page (and the footer). A category "
        "out of the bar still has its page and its articles.",
    )
    shows_trending = models.BooleanField(
        "lists trending articles",
        default=False,
        help_text="This entry in the bar lists the most-read articles of the moment instead of "
        "articles filed under it. Articles cannot be filed under it.",
    )

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:category", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what the public may see."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def readable_at_address(self):
        """What the article page itself may show: the public articles, and archived ones.

        Only for an article's own address. Listings, feeds, sitemaps, search and counts use
        published(): an archived story is kept readable, never promoted. An archived article
        that was never live (no past publishing time) stays private.
        """
        archived = self.filter(status=Article.Status.ARCHIVED, published_at__lte=timezone.now())
        return self.published() | archived

    def taken_down(self):
        return self.filter(status=Article.Status.TAKEN_DOWN)

    def at_address(self, slug):
        """Articles at /articles/<slug>/ now, or there before a slug change."""
        return self.filter(models.Q(slug=slug) | models.Q(old_slugs__old_slug=slug)).distinct()

    def scheduled(self):
        """Published with a time still to come: public by the clock alone when it arrives."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def approved(self):
        """Past the editor: published (live or scheduled) or archived."""
        return self.exclude(status__in=[Article.Status.DRAFT, Article.Status.IN_REVIEW])

    def using_image(self, image_id):
        """Articles that show library image `image_id`: as featured or social image, or in the
        body as `[[image N]]` (the shortcode of articles/body.py, any case)."""
        return self.filter(
            Q(featured_image=image_id)
            | Q(social_image=image_id)
            | Q(body__iregex=image_shortcode_regex(image_id))
        )

    # What a category, tag or author page lists, and so what its feeds and their ETags count.
    # Each takes the object, its pk or a subquery of one. Tags and bylines are EXISTS, not a
    # join, so the database walks the public index newest first and stops at the page; given
    # a join, SQLite with statistics read all of a prolific author's bylines and sorted them.
    def in_category(self, category):
        return self.filter(category=category)

    def tagged(self, tag):
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Article), object_id=OuterRef("pk")
        )
        return self.filter(Exists(items.filter(tag=tag)))

    def by_author(self, author):
        bylines = Article.authors.through.objects.filter(article_id=OuterRef("pk"), user=author)
        return self.filter(Exists(bylines))

    def visible_to(self, user):
        """What `user` may open in the newsroom (change form, preview, history, live desk,
        API): everything for editors; for writers the articles they are on or created.
        A colleague's draft, review or schedule is not a writer's to read."""
        if user.has_perm("articles.edit_any_article"):
            return self
        return self.own_to(user.pk)

    def own_to(self, user_id):
        """The articles a person is on (a byline) or created: all a writer may open."""
        bylines = Article.authors.through.objects.filter(article_id=OuterRef("pk"), user=user_id)
        return self.filter(Q(created_by=user_id) | Exists(bylines))

    def for_listing(self):
        """What a card shows, fetched up front so no template triggers a query."""
        return self.select_related("category", "featured_image").prefetch_related("authors")

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def next_publish_time(self):
        """When the soonest scheduled article goes live, as a Unix time, or None."""
        soonest = self.scheduled().aggregate(soonest=models.Min("published_at"))["soonest"]
        return soonest.timestamp() if soonest else None


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"
        TAKEN_DOWN = "taken_down", "Taken down"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The permanent address: /articles/this-slug/. Changing it on a published "
        "article keeps the old address working.",
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
    archived_noindex = models.BooleanField(
        "hide from search engines once archived",
        default=False,
        help_text="An archived article stays readable at its address, out of listings and "
        "feeds. Tick this to also ask search engines to drop it.",
    )
    seo_title = models.CharField(max_length=200, blank=True, help_text="Overrides the headline.")
    seo_description = models.CharField(
        max_length=300, blank=True, help_text="Overrides the standfirst for search and sharing."
    )
    social_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the article is shared; defaults to the featured image.",
    )

    # Live coverage (the live app posts the updates): a property of the article itself, so
    # cards and the article page know it with no extra query.
    live_started_at = models.DateTimeField(
        "live coverage started",
        null=True,
        blank=True,
        editable=False,
        help_text="Set by “Start live coverage”: from then on the page is a live page.",
    )
    live_ended_at = models.DateTimeField(
        "live coverage ended",
        null=True,
        blank=True,
        editable=False,
        help_text="Set by “End live coverage”: the updates stay, as an archive.",
    )
    live_updated_at = models.DateTimeField(
        "latest live update",
        null=True,
        blank=True,
        editable=False,
        help_text="The time of the newest visible update, kept by the live app.",
    )

    lock_version = models.PositiveIntegerField(
        default=0, editable=False, help_text="Bumped on every save; refuses stale edits."
    )

    objects = ArticleQuerySet.as_manager()
    # Tags (taggit) and authors are not tracked: simple-history records the article's own
    # fields, which is what a diff and a restore need.
    history = HistoricalRecords(
        excluded_fields=["body_html", "lock_version", "updated_at", "live_updated_at"]
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_article", "Can publish, schedule, unpublish and archive articles"),
            ("take_down_article", "Can take articles down for legal or privacy reasons"),
            ("edit_any_article", "Can edit articles by anyone, in any status"),
        ]
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
        # Every way in (admin, API, importer, shell) stores the same characters.
        self.headline, self.standfirst = typeset(self.headline), typeset(self.standfirst)
        self.body = normalize_source(self.body)
        self.body_html = render_body(self.body)
        if self.pk is not None:
            self.lock_version += 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
            if "body" in kwargs["update_fields"]:
                kwargs["update_fields"] = {*kwargs["update_fields"], "body_html"}
        before = self.loaded_state()
        super().save(*args, **kwargs)
        # The one place an article's save says what it made stale: the admin, the services,
        # the API and a shell session all come through here. A draft changes nothing public.
        changed = public_keys.keys_changed_by_save(self, before)
        if changed:
            content_changed(*changed)
        self._loaded_state = public_keys.public_state(self)

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        article = super().from_db(db, field_names, values)
        if all(field in field_names for field in public_keys.LISTED_BY):
            article._loaded_state = public_keys.public_state(article)
        return article

    def loaded_state(self):
        """The public state the row had when it was read (None when it was never saved).

        Read again from the database when the instance was built by hand or with deferred
        fields, so a save never misses what it changed."""
        if self.pk is None:
            return None
        state = getattr(self, "_loaded_state", None)
        if state is None:
            row = type(self).objects.filter(pk=self.pk).values(*public_keys.LISTED_BY).first()
            state = row and {field: row[field] for field in public_keys.LISTED_BY}
        return state

    @property
    def cache_key(self):
        """What every page showing this article, or its card, depends on."""
        return keys.article_key(self.pk)

    @property
    def card_keys(self):
        """What a card of this article shows: the article, and for a live page the time of
        its latest update (which changes with every update, not with the article)."""
        if self.is_live_coverage:
            return [self.cache_key, keys.live_key(self.pk)]
        return [self.cache_key]

    @property
    def page_keys(self):
        """What the article's own page shows: its card's keys and its corrections."""
        return [*self.card_keys, keys.corrections_key(self.pk)]

    @property
    def text_keys(self):
        """What the article's text and head show: the article and its corrections. Not a
        live page's updates: they have their own fragment, and an update leaves the text
        cached."""
        return [self.cache_key, keys.corrections_key(self.pk)]

    @property
    def is_live_coverage(self):
        """A live page, running or ended (an ended one is kept as an archive)."""
        return self.live_started_at is not None

    @property
    def is_live(self):
        """Live coverage running now: started and not yet ended."""
        return self.live_started_at is not None and self.live_ended_at is None

    @property
    def live_latest_at(self):
        """When the live page last had something new: its latest update, or its start."""
        return self.live_updated_at or self.live_started_at

    @property
    def is_published(self):
        """The row-level mirror of ArticleQuerySet.published()."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_archived(self):
        return self.status == self.Status.ARCHIVED

    @property
    def is_readable_at_address(self):
        """The row-level mirror of ArticleQuerySet.readable_at_address()."""
        return self.is_published or (
            self.is_archived
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_noindex(self):
        return self.is_archived and self.archived_noindex

    @property
    def updated_for_readers(self):
        """The "Updated" time readers see, or None: the newest correction or update note,
        or an edit made well after the story went live (saves within UPDATE_GRACE of
        publishing are fixes of the launch). Uses prefetched corrections when there are."""
        if self.published_at is None:
            return None
        times = [c.created_at for c in self.corrections_shown if c.created_at > self.published_at]
        went_live = max(self.published_at, self.created_at)
        if self.updated_at - went_live > UPDATE_GRACE:
            times.append(self.updated_at)
        return max(times, default=None)

    @cached_property
    def corrections_shown(self):
        """The article's corrections and updates, newest first (Correction.Meta.ordering):
        read once, and not at all when the query said there are none (`has_corrections`)."""
        if getattr(self, "has_corrections", True) is False:
            return []
        return list(self.corrections.all())

    @property
    def newest_correction(self):
        corrections = self.corrections_shown
        return corrections[0] if corrections else None

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

    @cached_property
    def open_send_back(self):
        """The editor's note still to act on: the last workflow step, if it sent this back."""
        last = self.transitions.select_related("by").first()
        if last and last.action == "send back" and self.status == self.Status.DRAFT:
            return last
        return None

    @property
    def reading_minutes(self):
        words = len(self.body.split())
        return max(1, math.ceil(words / 230))


# Saves within this time of publishing are corrections of the launch, not updates.
UPDATE_GRACE = timedelta(minutes=30)


class ArticleTransition(models.Model):
    """One workflow step (submit, publish, schedule...): who moved the article, and when."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    published_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True, help_text="Why, in the editor's words.")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.action}: {self.from_status} → {self.to_status}"


class SlugRedirect(models.Model):
    """An address a published article used to have; readers who follow it get a 301."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.old_slug} → {self.article.slug}"


class Correction(models.Model):
    """A dated public note at the foot of an article: a correction or an update."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        UPDATE = "update", "Update"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=12, choices=Kind, default=Kind.CORRECTION)
    note = models.TextField(
        help_text="Shown to readers as written, e.g. “An earlier version said the vote was "
        "on Monday; it was on Tuesday.” Plain text."
    )
    created_at = models.DateTimeField(default=timezone.now, help_text="The date readers see.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%Y-%m-%d}"


class ArticleReadCount(models.Model):
    """Reads of one article in one hour, flushed in batches from the cache (see trending.py)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(help_text="The start of the hour the reads fell in (UTC).")
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="article_read_hour_unique")
        ]
        indexes = [models.Index(fields=["hour"], name="article_read_hour_idx")]

    def __str__(self):
        return f"{self.reads} reads of article {self.article_id} at {self.hour:%Y-%m-%d %H:00}"


class SiteIdentity(models.Model):
    """Who publishes the site, as feeds, sitemaps, social cards and search engines see it.

    One row, edited in the admin, so a rename or a new logo needs no deploy. Until it
    exists the settings (NEWSROOM_SITE_NAME, LANGUAGE_CODE) stand in.
    """

    CACHE_KEY = "newsroom:site-identity"

    name = models.CharField(max_length=100, help_text="The publication's name, as readers know it.")
    tagline = models.CharField(max_length=200, blank=True)
    language = models.CharField(
        max_length=35,
        default="en",
        help_text="The language of the articles as a BCP 47 code, e.g. en, en-GB, fr.",
    )
    logo = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The publisher logo search engines show; ideally wide, at most 600×60.",
    )
    default_social_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when a page without a picture of its own is shared.",
    )
    # Google News' transparency guidance: the publisher's JSON-LD links these pages.
    corrections_policy = models.ForeignKey(
        "pages.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    ethics_policy = models.ForeignKey(
        "pages.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    masthead = models.ForeignKey(
        "pages.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page naming the editors and who owns the publication.",
    )

    class Meta:
        verbose_name = verbose_name_plural = "site identity"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1  # one row: the admin edits it, it is never added twice
        super().save(*args, **kwargs)
        from django.core.cache import cache

        from shared.cache import content_changed

        cache.delete(self.CACHE_KEY)
        content_changed()

    @classmethod
    def current(cls):
        """The identity every page uses, from the shared cache; one query after an edit."""
        from django.core.cache import cache

        identity = cache.get(cls.CACHE_KEY)
        if identity is None:
            identity = cls.objects.select_related(
                "logo", "default_social_image", "corrections_policy", "ethics_policy", "masthead"
            ).first()
            if identity is None:
                identity = cls(
                    name=settings.SITE_NAME,
                    tagline=getattr(settings, "SITE_TAGLINE", ""),
                    language=settings.LANGUAGE_CODE,
                )
            # An hour at most, so a changed NEWSROOM_SITE_NAME shows before anyone saves a row.
            cache.set(cls.CACHE_KEY, identity, timeout=3600)
        return identity

    def delete(self, *args, **kwargs):
        from django.core.cache import cache

        result = super().delete(*args, **kwargs)
        cache.delete(self.CACHE_KEY)
        return result
