"""Static pages move from the articles app to this one, keeping their tables and rows.

Only Django's state moves (articles 0015 removes the models there). The content types are
renamed first, so the permissions on them (the editors' group, articles 0010), the admin's
log entries and any generic relation follow the pages here.
"""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ["page", "historicalpage"]


def relabel(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old_label, model__in=MODELS).update(app_label=new_label)
    ContentType.objects.clear_cache()


def to_pages(apps, schema_editor):
    relabel(apps, "articles", "pages")


def back_to_articles(apps, schema_editor):
    relabel(apps, "pages", "articles")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0014_oldaddress_image"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(to_pages, back_to_articles),
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Page",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The last part of the address: /parent-slug/this-slug/. Unique among the pages that share a parent.",
                                max_length=100,
                            ),
                        ),
                        (
                            "path",
                            models.CharField(
                                editable=False,
                                help_text="The slugs from the top, joined.",
                                max_length=400,
                                unique=True,
                            ),
                        ),
                        (
                            "body",
                            models.TextField(
                                blank=True, help_text="Markdown, as in articles. Never HTML."
                            ),
                        ),
                        ("body_html", models.TextField(blank=True, editable=False)),
                        (
                            "is_published",
                            models.BooleanField(
                                default=False,
                                help_text="Only published pages are shown to readers.",
                                verbose_name="published",
                            ),
                        ),
                        (
                            "footer_position",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="Order in the footer menu, lower first. Leave empty to keep it out.",
                                null=True,
                            ),
                        ),
                        (
                            "seo_title",
                            models.CharField(
                                blank=True, help_text="Overrides the title.", max_length=200
                            ),
                        ),
                        (
                            "seo_description",
                            models.CharField(
                                blank=True,
                                help_text="What search engines and shared links show.",
                                max_length=300,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                help_text="Nest the page under another, e.g. Ethics policy under About.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="children",
                                to="pages.page",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "articles_page",
                        "ordering": ["path"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("parent", "slug"), name="page_slug_unique_in_parent"
                            ),
                            models.UniqueConstraint(
                                condition=models.Q(("parent__isnull", True)),
                                fields=("slug",),
                                name="page_top_slug_unique",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="HistoricalPage",
                    fields=[
                        (
                            "id",
                            models.BigIntegerField(
                                auto_created=True, blank=True, db_index=True, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=200)),
                        (
                            "slug",
                            models.SlugField(
                                help_text="The last part of the address: /parent-slug/this-slug/. Unique among the pages that share a parent.",
                                max_length=100,
                            ),
                        ),
                        (
                            "body",
                            models.TextField(
                                blank=True, help_text="Markdown, as in articles. Never HTML."
                            ),
                        ),
                        (
                            "is_published",
                            models.BooleanField(
                                default=False,
                                help_text="Only published pages are shown to readers.",
                                verbose_name="published",
                            ),
                        ),
                        (
                            "footer_position",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="Order in the footer menu, lower first. Leave empty to keep it out.",
                                null=True,
                            ),
                        ),
                        (
                            "seo_title",
                            models.CharField(
                                blank=True, help_text="Overrides the title.", max_length=200
                            ),
                        ),
                        (
                            "seo_description",
                            models.CharField(
                                blank=True,
                                help_text="What search engines and shared links show.",
                                max_length=300,
                            ),
                        ),
                        ("created_at", models.DateTimeField(blank=True, editable=False)),
                        ("history_id", models.AutoField(primary_key=True, serialize=False)),
                        ("history_date", models.DateTimeField(db_index=True)),
                        (
                            "history_change_reason",
                            models.CharField(max_length=100, null=True),
                        ),
                        (
                            "history_type",
                            models.CharField(
                                choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")],
                                max_length=1,
                            ),
                        ),
                        (
                            "history_user",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                db_constraint=False,
                                help_text="Nest the page under another, e.g. Ethics policy under About.",
                                null=True,
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                related_name="+",
                                to="pages.page",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "historical page",
                        "verbose_name_plural": "historical pages",
                        "db_table": "articles_historicalpage",
                        "ordering": ("-history_date", "-history_id"),
                        "get_latest_by": ("history_date", "history_id"),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
        ),
    ]
