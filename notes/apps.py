from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "notes"
    verbose_name = "Notes"

    def ready(self):
        # The articles app draws the panels it is handed and knows nothing of notes.
        from articles.admin.panels import ARTICLE_PANELS, HISTORY_PANELS

        from . import panel, receivers  # noqa: F401 (receivers: mentions tell the people named)

        ARTICLE_PANELS.append(panel.change_form_panel)
        HISTORY_PANELS.append(panel.history_panel)
