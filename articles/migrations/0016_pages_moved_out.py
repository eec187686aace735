"""Static pages now belong to the pages app (its 0001 takes them over, same tables): the
foreign keys to them point there, then the models leave this app's state. No table changes."""

import django.db.models.deletion
from django.db import migrations, models


def page_key(on_delete, **options):
    return models.ForeignKey(
        blank=True, null=True, on_delete=on_delete, related_name="+", to="pages.page", **options
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_wordpress_moved_out"),
        ("pages", "0001_initial"),
        # The importer's old addresses point at pages.Page before articles lets Page go.
        ("wordpress", "0002_oldaddress_page_in_pages"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name="siteidentity",
                    name="corrections_policy",
                    field=page_key(django.db.models.deletion.SET_NULL),
                ),
                migrations.AlterField(
                    model_name="siteidentity",
                    name="ethics_policy",
                    field=page_key(django.db.models.deletion.SET_NULL),
                ),
                migrations.AlterField(
                    model_name="siteidentity",
                    name="masthead",
                    field=page_key(
                        django.db.models.deletion.SET_NULL,
                        help_text="The page naming the editors and who owns the publication.",
                    ),
                ),
                migrations.DeleteModel(name="HistoricalPage"),
                migrations.DeleteModel(name="Page"),
            ],
        ),
    ]
