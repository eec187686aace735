"""The importer's models move here from articles: the tables stay as they are (db_table),
only Django's record of which app owns them changes. Their content types are relabelled
first, so permissions, the Editor group's grants, admin log entries and generic relations
keep pointing at them."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["wordpressitem", "oldaddress", "wordpressimport", "imagelackingalttext"]


def relabel(apps, from_label, to_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if ContentType.objects.filter(app_label=to_label, model=model).exists():
            continue  # already there (a database that ran this before); keep it
        ContentType.objects.filter(app_label=from_label, model=model).update(app_label=to_label)
    ContentType.objects.clear_cache()


def content_types_forward(apps, schema_editor):
    relabel(apps, "articles", "wordpress")


def content_types_backward(apps, schema_editor):
    relabel(apps, "wordpress", "articles")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("articles", "0014_oldaddress_image"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(content_types_forward, content_types_backward),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ImageLackingAltText",
                    fields=[],
                    options={
                        "verbose_name": "image lacking alt text",
                        "verbose_name_plural": "images lacking alt text",
                        "proxy": True,
                        "indexes": [],
                        "constraints": [],
                    },
                    bases=("articles.image",),
                ),
                migrations.CreateModel(
                    name="OldAddress",
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
                        (
                            "path",
                            models.CharField(
                                help_text="Path and query, e.g. /?p=12", max_length=500, unique=True
                            ),
                        ),
                        (
                            "url",
                            models.CharField(
                                blank=True, help_text="A fixed new address.", max_length=500
                            ),
                        ),
                        (
                            "article",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="articles.article",
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="articles.page",
                            ),
                        ),
                        (
                            "image",
                            models.ForeignKey(
                                blank=True,
                                help_text="An imported picture: its old /wp-content/uploads/ "
                                "address leads to its file.",
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="articles.image",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name_plural": "old addresses",
                        "db_table": "articles_oldaddress",
                    },
                ),
                migrations.CreateModel(
                    name="WordPressImport",
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
                        ("file_name", models.CharField(max_length=255)),
                        ("site_url", models.CharField(blank=True, max_length=200)),
                        (
                            "is_dry_run",
                            models.BooleanField(default=False, verbose_name="dry run"),
                        ),
                        ("report", models.JSONField(default=dict)),
                        ("started_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "started_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "WordPress import",
                        "ordering": ["-started_at"],
                        "db_table": "articles_wordpressimport",
                    },
                ),
                migrations.CreateModel(
                    name="WordPressItem",
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
                        ("site_url", models.CharField(max_length=200)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("post", "Post"),
                                    ("page", "Page"),
                                    ("attachment", "Image"),
                                    ("author", "Author"),
                                    ("comment", "Comment"),
                                    ("category", "Category"),
                                    ("tag", "Tag"),
                                ],
                                max_length=12,
                            ),
                        ),
                        (
                            "wp_id",
                            models.CharField(
                                help_text="WordPress id (an author's login).", max_length=100
                            ),
                        ),
                        (
                            "object_id",
                            models.PositiveBigIntegerField(help_text="The row it became here."),
                        ),
                    ],
                    options={
                        "db_table": "articles_wordpressitem",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("site_url", "kind", "wp_id"), name="wordpress_item_unique"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
