"""Receivers for accounts: what is kept for a reader's sessions (accounts/backends.py), and
the bylines and author pages a writer's name and bio show on (keys: shared/keys.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from shared.cache import content_changed
from shared.keys import SITE, reader_key

from .models import User

# The saves Django makes on its own at log-in change nothing a reader sees.
BOOKKEEPING_FIELDS = {"last_login", "password"}


@receiver(post_save, sender=User, dispatch_uid="accounts-user-save")
def on_user_saved(sender, instance, created, update_fields=None, **kwargs):
    # The account kept for its sessions (accounts/backends.py), whatever changed.
    content_changed(reader_key(instance.pk))
    # Bylines and author pages show names and bios; other accounts appear nowhere public.
    if created or (update_fields and set(update_fields) <= BOOKKEEPING_FIELDS):
        return
    if instance.articles.exists():
        content_changed(SITE)


@receiver(post_delete, sender=User, dispatch_uid="accounts-user-delete")
def on_user_deleted(sender, instance, **kwargs):
    """An account deleted: only that reader's own kept state is stale."""
    content_changed(reader_key(instance.pk))
