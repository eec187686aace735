"""PostgreSQL: each article's weighted full-text vector, stored and GIN-indexed, so a search
ranks stored vectors rather than parsing every matching body again (search/index.py keeps
the rows; search/postgres.py reads them). Nothing on SQLite, whose FTS5 table is its own.

The fill query is a copy of search/index.py's as it was when this was written, so this
migration never changes with the app (tests/search/test_boundaries.py checks the copy).
"""

from django.db import migrations

FILL_SQL = """
    INSERT INTO search_document(article_id, document)
    SELECT a.id,
      setweight(to_tsvector('english', a.headline), 'A')
      || setweight(to_tsvector('english', a.standfirst), 'B')
      || setweight(to_tsvector('english', a.body), 'C')
      || setweight(to_tsvector('english', COALESCE(
           (SELECT string_agg(t.name, ' ') FROM taggit_taggeditem ti
            JOIN taggit_tag t ON t.id = ti.tag_id
            WHERE ti.object_id = a.id AND ti.content_type_id = %s), '')), 'B')
      || setweight(to_tsvector('english', COALESCE(
           (SELECT string_agg(u.display_name || ' ' || u.first_name || ' ' || u.last_name, ' ')
            FROM articles_article_authors aa JOIN accounts_user u ON u.id = aa.user_id
            WHERE aa.article_id = a.id), '')), 'B')
    FROM articles_article a WHERE a.id IN ({placeholders})"""


def create_table(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No foreign key: a test database's flush truncates articles without knowing this
    # table; a row whose article is gone is never joined to anything and is rewritten if
    # its id comes back.
    schema_editor.execute(
        "CREATE TABLE search_document (article_id bigint PRIMARY KEY, document tsvector NOT NULL)"
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    article_type = ContentType.objects.filter(app_label="articles", model="article").first()
    schema_editor.execute(
        FILL_SQL.format(placeholders="SELECT id FROM articles_article"),
        [article_type.pk if article_type else 0],
    )
    schema_editor.execute(
        "CREATE INDEX search_document_gin ON search_document USING gin (document)"
    )


def drop_table(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_document")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0017_image_tags"),
        ("accounts", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(create_table, drop_table, elidable=False)]
