from django.apps import AppConfig


class AutosaveConfig(AppConfig):
    """Work in progress on an article, kept per person until they save (docs/architecture.md).
    articles knows nothing of it: ready() adds the recovery panel (with the script that saves)
    to the article's change page through articles.admin.panels.ARTICLE_PANELS."""

    name = "autosave"
    verbose_name = "Autosaves"

    def ready(self):
        from articles.admin.panels import ARTICLE_PANELS

        from . import receivers  # noqa: F401  receivers connect on import
        from .panel import autosave_panel

        if autosave_panel not in ARTICLE_PANELS:
            ARTICLE_PANELS.append(autosave_panel)
