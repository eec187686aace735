from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The workflow's receiver connects; the mail job registers its retry policy.
        from . import receivers, tasks  # noqa: F401
