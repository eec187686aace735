from django.apps import AppConfig


class AutosaveConfig(AppConfig):
    """Work in progress on an article, kept per person until they save (docs/architecture.md).
    articles knows nothing of it: ready() adds the recovery panel (with the script that saves)
    to the article's change page through articles.admin.panels.ARTICLE_PANELS."""

    name = "autosave"
    verbose_name = "Autosaves"

    def ready(self):
        from articles.admin.panels import ARTICLE_PANELS
        from articles.admin.save_hooks import SAVED

        from .panel import autosave_panel
        from .services import clear_on_save

        if autosave_panel not in ARTICLE_PANELS:
            ARTICLE_PANELS.append(autosave_panel)
        if clear_on_save not in SAVED:
            SAVED.append(clear_on_save)
