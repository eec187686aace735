"""Receivers for accounts: what is kept for a reader's sessions (accounts/backends.py), and
the bylines and author pages a writer's name and bio show on (keys: shared/keys.py)."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.dispatch import receiver

from shared.cache import content_changed
from shared.keys import SITE, STAFF_PERMISSIONS, reader_key

from .models import User

# The saves Django makes on its own at log-in, and "Log out everywhere else", change
# nothing a reader sees.
BOOKKEEPING_FIELDS = {"last_login", "password", "sessions_epoch"}


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


# What a person may do is kept for their requests (accounts/backends.py): any change of
# their roles or permissions, or of a role's, makes it read again on their next request.
@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="accounts-roles-changed")
@receiver(m2m_changed, sender=User.user_permissions.through, dispatch_uid="accounts-perms-changed")
def on_roles_changed(sender, instance, action, reverse, **kwargs):
    if action.startswith("post_"):
        # From the role's side (group.user_set.add(...)) the people are not all named.
        content_changed(STAFF_PERMISSIONS if reverse else reader_key(instance.pk))


@receiver(m2m_changed, sender=Group.permissions.through, dispatch_uid="accounts-role-perms")
def on_role_permissions_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        content_changed(STAFF_PERMISSIONS)


@receiver(post_save, sender=Group, dispatch_uid="accounts-role-saved")
@receiver(post_delete, sender=Group, dispatch_uid="accounts-role-deleted")
@receiver(post_save, sender=Permission, dispatch_uid="accounts-permission-saved")
@receiver(post_delete, sender=Permission, dispatch_uid="accounts-permission-deleted")
@receiver(post_migrate, dispatch_uid="accounts-migrated")
def on_permissions_changed(sender, **kwargs):
    # A migration's roles and permissions are written by historical models, which no
    # receiver above hears.
    content_changed(STAFF_PERMISSIONS)
