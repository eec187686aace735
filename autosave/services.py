"""Writes of autosaves. None of them touches the article, its history or any cache key:
an autosave is the writer's alone until they save the article."""

from django.utils import timezone

from .models import Autosave


def autosave_store(*, article, user, data, base_version, base_revision=""):
    """Keep `data` as `user`'s autosave of `article`, replacing the one before."""
    autosave, _created = Autosave.objects.update_or_create(
        article=article,
        user=user,
        defaults={
            "data": data,
            "base_version": base_version,
            "base_revision": base_revision,
            "saved_at": timezone.now(),
        },
    )
    return autosave


def autosave_discard(*, article_id, user_id):
    """Forget `user`'s autosave of the article: they chose, or they saved it."""
    Autosave.objects.filter(article_id=article_id, user_id=user_id).delete()


def clear_on_save(request, article):
    """The person's save from the change form went through: their autosave is spent (a
    refused save keeps it). Called by the articles admin (articles/admin/save_hooks.SAVED)."""
    autosave_discard(article_id=article.pk, user_id=request.user.pk)
