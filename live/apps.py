from django.apps import AppConfig


class LiveConfig(AppConfig):
    name = "live"
    verbose_name = "Live coverage"

    def ready(self):
        from articles.images import Image, body_picture_changed
        from articles.syndication import structured_data

        from . import gated, services, stream

        gated.register()
        # An update embeds its pictures' addresses, as a body does.
        body_picture_changed.connect(
            lambda sender, image_id, **kwargs: services.render_updates_showing(image_id),
            sender=Image,
            weak=False,
            dispatch_uid="live-update-pictures",
        )
        # The article app's JSON-LD names a live page's updates without importing this app.
        structured_data.live_blog_updates = stream.blog_postings
