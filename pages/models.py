"""Static pages (About, Contact, Ethics policy...): edited by editors, nested by parent.

The model was born in the articles app and keeps its tables (articles_page and
articles_historicalpage), so moving it here moved no row.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import Resolver404, resolve, reverse
from simple_history.models import HistoricalRecords

from articles.body import render_body


def address_taken_by_site(slug):
    """Whether /slug/ is one of the site's own addresses (/search/, /feeds/...): those come
    before pages in the URLconf, so a page there would never be seen."""
    try:
        return resolve(f"/{slug}/").view_name != "pages:detail"
    except Resolver404:
        return False


class PageQuerySet(models.QuerySet):
    def published(self):
        """The one rule for which pages readers may see."""
        return self.filter(is_published=True)

    def in_footer(self):
        return (
            self.published()
            .filter(footer_position__isnull=False)
            .order_by("footer_position", "title")
        )


class Page(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=100,
        help_text="The last part of the address: /parent-slug/this-slug/. Unique among the "
        "pages that share a parent.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Nest the page under another, e.g. Ethics policy under About.",
    )
    path = models.CharField(
        max_length=400, unique=True, editable=False, help_text="The slugs from the top, joined."
    )
    body = models.TextField(blank=True, help_text="Markdown, as in articles. Never HTML.")
    body_html = models.TextField(blank=True, editable=False)
    is_published = models.BooleanField(
        "published", default=False, help_text="Only published pages are shown to readers."
    )
    footer_position = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Order in the footer menu, lower first. Leave empty to keep it out.",
    )
    seo_title = models.CharField(max_length=200, blank=True, help_text="Overrides the title.")
    seo_description = models.CharField(
        max_length=300, blank=True, help_text="What search engines and shared links show."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["body_html", "path", "updated_at"], table_name="articles_historicalpage"
    )

    class Meta:
        db_table = "articles_page"
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "slug"], name="page_slug_unique_in_parent"),
            models.UniqueConstraint(
                fields=["slug"],
                condition=models.Q(parent__isnull=True),
                name="page_top_slug_unique",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html = render_body(self.body)
        old_path, self.path = self.path, self.build_path()
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save()  # their addresses start with this one

    def get_absolute_url(self):
        return reverse("pages:detail", kwargs={"path": f"{self.path}/"})

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": "A page cannot sit under itself."})
            ancestor = ancestor.parent
        if self.slug and not self.parent_id and address_taken_by_site(self.slug):
            raise ValidationError({"slug": "This address belongs to the site already."})

    def build_path(self):
        return f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug

    def ancestors(self):
        """From the top page down to the parent, for the breadcrumb trail."""
        trail, page = [], self.parent
        while page is not None:
            trail.insert(0, page)
            page = page.parent
        return trail
