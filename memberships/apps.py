from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "memberships"
    verbose_name = "Memberships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The article app asks who may read a story through its own module, never this app.
        from articles import access as article_access

        from . import personal, receivers  # noqa: F401 - receivers connect on import
        from .gate import Gate

        article_access.gate = Gate()
        personal.register()

        from jobs import periodic

        from .tasks import reconcile_if_due

        periodic.register("memberships-reconcile", reconcile_if_due)  # nightly, no cron
