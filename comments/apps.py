from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from . import personal, receivers  # noqa: F401  (receivers: connected on import)

        personal.register()
