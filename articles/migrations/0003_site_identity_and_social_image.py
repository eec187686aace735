import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_seed_categories"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="social_image",
            field=models.ForeignKey(
                blank=True,
                help_text="Shown when the article is shared; defaults to the featured image.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="articles.image",
            ),
        ),
        migrations.CreateModel(
            name="SiteIdentity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="The publication's name, as readers know it.", max_length=100
                    ),
                ),
                ("tagline", models.CharField(blank=True, max_length=200)),
                (
                    "language",
                    models.CharField(
                        default="en",
                        help_text="The language of the articles as a BCP 47 code, e.g. en, en-GB, fr.",
                        max_length=35,
                    ),
                ),
                (
                    "default_social_image",
                    models.ForeignKey(
                        blank=True,
                        help_text="Shown when a page without a picture of its own is shared.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="articles.image",
                    ),
                ),
                (
                    "logo",
                    models.ForeignKey(
                        blank=True,
                        help_text="The publisher logo search engines show; ideally wide, at most 600×60.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="articles.image",
                    ),
                ),
            ],
            options={
                "verbose_name": "site identity",
                "verbose_name_plural": "site identity",
            },
        ),
    ]
