from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from articles.images import Image, body_picture_changed
        from articles.syndication import sitemaps

        from . import pictures
        from .sitemaps import PageSitemap

        # Last of the sitemap index's sections, as before; articles need not know pages.
        sitemaps.add_section("pages", PageSitemap)
        body_picture_changed.connect(
            lambda sender, image_id, **kwargs: pictures.render_pages_showing(image_id),
            sender=Image,
            weak=False,
            dispatch_uid="pages-pictures",
        )
