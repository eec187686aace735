from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from articles.syndication import sitemaps

        from .sitemaps import PageSitemap

        # Last of the sitemap index's sections, as before; articles need not know pages.
        sitemaps.add_section("pages", PageSitemap)
