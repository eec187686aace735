from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "memberships"
    verbose_name = "Memberships"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The article app asks who may read a story through its own module, never this app.
        from articles import access as article_access
        from shared.page_cache import PERSONAL_PARAMETERS

        from . import personal, receivers  # noqa: F401 - receivers connect on import
        from .gate import Gate

        article_access.gate = Gate()
        personal.register()
        PERSONAL_PARAMETERS.add("gift")  # memberships/gifts.py: a gift opens one request
