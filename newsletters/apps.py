from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import pre_delete


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from django.core import checks

        from jobs import periodic

        from . import personal, services, tracking, webhooks

        personal.register()
        tracking.connect()
        checks.register(webhooks.check_webhook, checks.Tags.security, deploy=True)
        periodic.register("newsletters-digest", services.digest_if_due)
        pre_delete.connect(
            forget_deleted_account, sender=settings.AUTH_USER_MODEL, dispatch_uid="newsletters"
        )


def forget_deleted_account(sender, instance, **kwargs):
    """A deleted account takes its subscription with it (accounts cannot know this app)."""
    from .models import Subscriber

    Subscriber.objects.filter(user=instance).delete()
