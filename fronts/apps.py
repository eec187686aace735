from django.apps import AppConfig


class FrontsConfig(AppConfig):
    name = "fronts"
    verbose_name = "Fronts"

    def ready(self):
        from articles import front_hooks

        from . import banner, drawing, receivers  # noqa: F401  (receivers: connected on import)

        # The home and category views draw a front through the articles app's hook, and
        # every page fills the banner's spot: neither app imports this one.
        front_hooks.register(drawing.front_html)
        banner.register()
