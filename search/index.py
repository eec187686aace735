"""Keeps the full-text index in step with articles, on either database.

SQLite: the FTS5 table `article_search`, whose rowid is the article's id; a row holds the
article's text plus its tags and authors' names (of a story behind a wall, the teaser
in place of the body: `_walled_bodies`). PostgreSQL: the table `search_document`
(search migration 0001), one weighted tsvector an article of the same text (headline A;
standfirst, tags and names B; body C) under a GIN index: searched and ranked without
parsing a body per query (the vector articles migration 0005 indexes is computed again
from the text for every row it ranks, and leaves out tags and names).

Rows are rewritten from Python after every write that changes them, by listeners on the
models' own signals that this app connects (apps.py: articles never calls search), rather
than by database triggers: a trigger that names another table breaks every SQLite table
rebuild Django's migrations do on that table. Bulk writes that bypass signals
(`bulk_create` in seed_demo and the WordPress importer) call index_articles() themselves.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models.signals import m2m_changed, post_delete, post_save

from articles import access
from articles.models import Article

CHUNK = 500


def _refresh_sql(placeholders, body="a.body"):
    return f"""
    INSERT INTO article_search(rowid, headline, standfirst, body, tags, authors)
    SELECT a.id, a.headline, a.standfirst, {body},
      COALESCE((SELECT group_concat(t.name, ' ') FROM taggit_taggeditem ti
                JOIN taggit_tag t ON t.id = ti.tag_id
                WHERE ti.object_id = a.id AND ti.content_type_id = %s), ''),
      COALESCE((SELECT group_concat(u.display_name || ' ' || u.first_name || ' '
                                    || u.last_name, ' ')
                FROM articles_article_authors aa JOIN accounts_user u ON u.id = aa.user_id
                WHERE aa.article_id = a.id), '')
    FROM articles_article a WHERE a.id IN ({placeholders})"""


def _refresh_postgres_sql(placeholders, body="a.body"):
    """One article's weighted vector, as search/postgres.py searches it (weights as
    ARTICLE_VECTOR there, plus tags and names at B)."""
    return f"""
    INSERT INTO search_document(article_id, document)
    SELECT a.id,
      setweight(to_tsvector('english', a.headline), 'A')
      || setweight(to_tsvector('english', a.standfirst), 'B')
      || setweight(to_tsvector('english', {body}), 'C')
      || setweight(to_tsvector('english', COALESCE(
           (SELECT string_agg(t.name, ' ') FROM taggit_taggeditem ti
            JOIN taggit_tag t ON t.id = ti.tag_id
            WHERE ti.object_id = a.id AND ti.content_type_id = %s), '')), 'B')
      || setweight(to_tsvector('english', COALESCE(
           (SELECT string_agg(u.display_name || ' ' || u.first_name || ' ' || u.last_name, ' ')
            FROM articles_article_authors aa JOIN accounts_user u ON u.id = aa.user_id
            WHERE aa.article_id = a.id), '')), 'B')
    FROM articles_article a WHERE a.id IN ({placeholders})"""


def index_articles(ids):
    """Rewrite the search rows of these articles (gone articles lose theirs)."""
    if connection.vendor == "sqlite":
        table, key, refresh = "article_search", "rowid", _refresh_sql
    elif connection.vendor == "postgresql":
        table, key, refresh = "search_document", "article_id", _refresh_postgres_sql
    else:
        return
    ids = list(ids)
    content_type = ContentType.objects.get_for_model(Article).pk
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            placeholders = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {table} WHERE {key} IN ({placeholders})", chunk)
            walled = _walled_bodies(chunk)
            whole = [pk for pk in chunk if pk not in walled]
            if whole:
                placeholders = ", ".join(["%s"] * len(whole))
                cursor.execute(refresh(placeholders), [content_type, *whole])
            for pk, teaser in walled.items():
                cursor.execute(refresh("%s", body="%s"), [teaser, content_type, pk])


def _walled_bodies(ids):
    """{id: the teaser's source} of the stories behind a wall among `ids`: the index holds
    only what every reader may read of them (articles/access.py), so a word past the wall
    finds nothing. Whether a story is walled is read from the rules kept in the cache; the
    bodies only of the walled ones."""
    if access.gate is None:
        return {}
    walled = [
        a.pk
        for a in Article.objects.filter(pk__in=ids).only("pk", "category_id")
        if access.is_withheld(a)
    ]
    if not walled:
        return {}
    stories = Article.objects.filter(pk__in=walled).only("pk", "category_id", "body")
    return {a.pk: access.public_body_source(a) for a in stories}


def _article_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_articles([instance.pk])


def _article_deleted(sender, instance, **kwargs):
    index_articles([instance.pk])


def _links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Article):
        index_articles([instance.pk])
    elif pk_set:  # a user's or a tag's side of the link: the articles named in pk_set
        index_articles(pk_set)


NAME_FIELDS = {"display_name", "first_name", "last_name"}


def _author_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    # A login saves last_login only: no name changed, nothing to re-index.
    if raw or (update_fields is not None and not NAME_FIELDS & set(update_fields)):
        return
    index_articles(instance.articles.values_list("pk", flat=True))


def _tag_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_articles(Article.objects.filter(tags=instance).values_list("pk", flat=True))


def connect():
    from django.contrib.auth import get_user_model
    from taggit.models import Tag

    post_save.connect(_article_saved, sender=Article, dispatch_uid="search-article-saved")
    post_delete.connect(_article_deleted, sender=Article, dispatch_uid="search-article-deleted")
    m2m_changed.connect(
        _links_changed, sender=Article.authors.through, dispatch_uid="search-bylines"
    )
    m2m_changed.connect(_links_changed, sender=Article.tags.through, dispatch_uid="search-tags")
    post_save.connect(_author_saved, sender=get_user_model(), dispatch_uid="search-author")
    post_save.connect(_tag_saved, sender=Tag, dispatch_uid="search-tag")
