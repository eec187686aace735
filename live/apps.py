from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        # The article app's JSON-LD names a live page's updates without importing this app.
        from articles.syndication import structured_data

        from . import gated, stream

        gated.register()

        structured_data.live_blog_updates = stream.blog_postings
