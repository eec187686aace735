from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Imported here, once every app is loaded: the wiring may import the apps, the
        # cache layer may not, so it is handed what it needs from them.
        from django.core import checks

        from articles.models import Article

        from . import cache, edge, invalidation, reader_parts

        invalidation.connect()
        reader_parts.register()
        cache.schedule_source = Article.objects.next_publish_time
        checks.register(edge.check_settings)
