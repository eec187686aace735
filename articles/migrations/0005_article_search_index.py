"""The full-text index behind /search/ (see search/query.py).

SQLite: an FTS5 table, kept in step from Python by search/index.py (no triggers:
a trigger naming another table breaks SQLite table rebuilds in later migrations).
PostgreSQL: a GIN index on the weighted vector of headline, standfirst and body.

The fill query and the vector are copied here as they were when this ran, so this
migration never changes with (or imports) the search app; a test on PostgreSQL checks
that search still uses this index.
"""

from django.db import migrations

FILL_SQL = """
    INSERT INTO article_search(rowid, headline, standfirst, body, tags, authors)
    SELECT a.id, a.headline, a.standfirst, a.body,
      COALESCE((SELECT group_concat(t.name, ' ') FROM taggit_taggeditem ti
                JOIN taggit_tag t ON t.id = ti.tag_id
                WHERE ti.object_id = a.id AND ti.content_type_id = %s), ''),
      COALESCE((SELECT group_concat(u.display_name || ' ' || u.first_name || ' '
                                    || u.last_name, ' ')
                FROM articles_article_authors aa JOIN accounts_user u ON u.id = aa.user_id
                WHERE aa.article_id = a.id), '')
    FROM articles_article a WHERE a.id IN ({placeholders})"""


def article_vector():
    from django.contrib.postgres.search import SearchVector

    return (
        SearchVector("headline", weight="A", config="english")
        + SearchVector("standfirst", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "headline, standfirst, body, tags, authors, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )
        # Articles written before this migration get their rows now; later writes keep them.
        ids = list(apps.get_model("articles", "Article").objects.values_list("pk", flat=True))
        ContentType = apps.get_model("contenttypes", "ContentType")
        article_type = ContentType.objects.filter(app_label="articles", model="article").first()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            placeholders = ", ".join(["%s"] * len(chunk))
            schema_editor.execute(
                FILL_SQL.format(placeholders=placeholders),
                [article_type.pk if article_type else 0, *chunk],
            )
    elif vendor == "postgresql":
        from django.contrib.postgres.indexes import GinIndex

        Article = apps.get_model("articles", "Article")
        schema_editor.add_index(Article, GinIndex(article_vector(), name="article_search_gin"))


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
