import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_site_identity_and_social_image"),
    ]

    operations = [
        migrations.CreateModel(
            name="ArticleReadCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "hour",
                    models.DateTimeField(
                        help_text="The start of the hour the reads fell in (UTC)."
                    ),
                ),
                ("reads", models.PositiveIntegerField(default=0)),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
            ],
            options={
                "indexes": [models.Index(fields=["hour"], name="article_read_hour_idx")],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "hour"), name="article_read_hour_unique"
                    )
                ],
            },
        ),
    ]
