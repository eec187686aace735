"""A successful save of an article from its change form clears that person's autosave.

The admin records each successful save as a LogEntry with the person who made it; a refused
save (a conflict, a form error) records none, so the autosave stays. Article's own post_save
would not do: it does not know who saved.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from .services import autosave_discard


@receiver(post_save, sender=LogEntry, dispatch_uid="autosave-clear-on-save")
def _article_saved_in_admin(sender, instance, created=False, raw=False, **kwargs):
    if not created or raw or instance.action_flag != CHANGE:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return
    autosave_discard(article_id=int(instance.object_id), user_id=instance.user_id)
