from django.apps import AppConfig


class EditorConfig(AppConfig):
    """The admin's rich body editor (docs/editor.md): a ProseMirror bundle over the Markdown
    textarea, and the JSON it asks for. articles knows nothing of it: ready() adds the bundle
    to articles' body widget through articles.forms.enhance_body_editor."""

    name = "editor"
    verbose_name = "Rich body editor"

    def ready(self):
        from articles.forms import enhance_body_editor

        from .widgets import bundle_media, textarea_attrs

        enhance_body_editor(bundle_media(), textarea_attrs)
