"""Writes of autosaves. None of them touches the article, its history or any cache key:
an autosave is the writer's alone until they save the article."""

from functools import cache

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from .models import Autosave

KEPT = ("data", "base_version", "base_revision", "saved_at")


@cache
def _replace_statement(vendor):
    """One UPDATE of the person's row: sent every 10 s by each open change form, where the
    ORM's update_or_create cost a transaction, a SELECT and the building of both."""
    qn = connection.ops.quote_name
    columns = ", ".join(f"{qn(Autosave._meta.get_field(name).column)} = %s" for name in KEPT)
    return (
        f"UPDATE {qn(Autosave._meta.db_table)} SET {columns} "
        f"WHERE {qn('article_id')} = %s AND {qn('user_id')} = %s"
    )


def autosave_store(*, article, user, data, base_version, base_revision=""):
    """Keep `data` as `user`'s autosave of `article`, replacing the one before; returns
    when it was kept."""
    values = {
        "data": data,
        "base_version": base_version,
        "base_revision": base_revision,
        "saved_at": timezone.now(),
    }
    if not _replace(article.pk, user.pk, values):
        try:
            with transaction.atomic():
                Autosave.objects.create(article_id=article.pk, user_id=user.pk, **values)
        except IntegrityError:
            _replace(article.pk, user.pk, values)  # the same person's other tab came first
    return values["saved_at"]


def _replace(article_id, user_id, values):
    fields = [Autosave._meta.get_field(name) for name in KEPT]
    params = [field.get_db_prep_save(values[field.name], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(_replace_statement(connection.vendor), [*params, article_id, user_id])
        return cursor.rowcount > 0


def autosave_discard(*, article_id, user_id):
    """Forget `user`'s autosave of the article: they chose, or they saved it."""
    Autosave.objects.filter(article_id=article_id, user_id=user_id).delete()


def clear_on_save(request, article):
    """The person's save from the change form went through: their autosave is spent (a
    refused save keeps it). Called by the articles admin (articles/admin/save_hooks.SAVED)."""
    autosave_discard(article_id=article.pk, user_id=request.user.pk)
