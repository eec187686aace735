from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from articles.images import Image, whole_renditions_made
        from articles.syndication import sitemaps

        from . import pictures
        from .sitemaps import PageSitemap

        # Last of the sitemap index's sections, as before; articles need not know pages.
        sitemaps.add_section("pages", PageSitemap)
        whole_renditions_made.connect(
            lambda sender, image, **kwargs: pictures.render_pages_showing(image.pk),
            sender=Image,
            weak=False,
            dispatch_uid="pages-pictures",
        )
