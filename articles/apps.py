from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Articles"

    def ready(self):
        from shared import personal

        # Category, tag and author pages mark where a reader's follow control goes; an app
        # that offers following (newsletters) fills it in, and this app need not know it.
        personal.offer("follow")
        # Pictures stored before their bodies' copies existed get them from the first worker.
        from jobs import periodic

        from .images import queue_missing_renditions

        periodic.register("articles-missing-renditions", queue_missing_renditions)
        # The receivers for this app's data no save of its own names (connected on import).
        from . import receivers  # noqa: F401
