"""The full-text index behind /search/ (see articles/search.py).

SQLite: an FTS5 table, kept in step from Python by articles/search_index.py (no triggers:
a trigger naming another table breaks SQLite table rebuilds in later migrations).
PostgreSQL: a GIN index on the weighted vector of headline, standfirst and body.
"""

from django.db import migrations


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "headline, standfirst, body, tags, authors, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # Articles written before this migration get their rows now; later writes keep them.
        from articles.search_index import _refresh_sql

        ids = list(apps.get_model("articles", "Article").objects.values_list("pk", flat=True))
        ContentType = apps.get_model("contenttypes", "ContentType")
        article_type = ContentType.objects.filter(app_label="articles", model="article").first()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            schema_editor.execute(
                _refresh_sql(placeholders), [article_type.pk if article_type else 0, *chunk]
            )
    elif vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex

        from articles.search_postgres import ARTICLE_VECTOR

        Article = apps.get_model("articles", "Article")
        schema_editor.add_index(Article, GinIndex(ARTICLE_VECTOR, name="article_search_gin"))


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS article_search")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS article_search_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_article_read_count"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
