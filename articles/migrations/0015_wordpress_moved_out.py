"""The WordPress importer's models now belong to the wordpress app (its 0001 takes them
over, tables unchanged); articles only forgets them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_oldaddress_image"),
        ("wordpress", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ImageLackingAltText"),
                migrations.DeleteModel(name="OldAddress"),
                migrations.DeleteModel(name="WordPressImport"),
                migrations.DeleteModel(name="WordPressItem"),
            ],
            database_operations=[],
        ),
    ]
