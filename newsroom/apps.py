from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Imported here, once every app is loaded, so comments are covered when installed.
        from django.core import checks

        from . import edge, invalidation

        invalidation.connect()
        checks.register(edge.check_settings)
