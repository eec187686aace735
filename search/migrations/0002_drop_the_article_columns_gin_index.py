"""PostgreSQL: drop the GIN index on the article's own columns (articles migration 0005).
Search reads the stored vectors of `search_document` (0001) since then, so that index is
never used, and every save of an article paid for keeping it. Nothing on SQLite.

Going back makes it again, with the expression 0005 used (copied, so this never changes
with the app).
"""

from django.db import migrations

INDEX = "article_search_gin"
VECTOR = (
    "(setweight(to_tsvector('english'::regconfig, COALESCE(headline, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(standfirst, '')), 'B')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'C'))"
)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def make_index_again(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article USING gin ({VECTOR})"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_search_document"),
        ("articles", "0005_article_search_index"),
    ]

    operations = [migrations.RunPython(drop_index, make_index_again, elidable=True)]
