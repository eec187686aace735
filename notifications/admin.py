"""Desks in the admin (Editors set who hears of a category's submissions)."""

from django.contrib import admin

from .models import Desk


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("category", "editor_names")
    filter_horizontal = ("editors",)
    list_select_related = ("category",)

    @admin.display(description="editors")
    def editor_names(self, desk):
        return ", ".join(editor.public_name for editor in desk.editors.all()) or "every editor"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("editors")

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "editors":
            # Only those who may publish review submissions.
            from articles.services import article_reviewers

            kwargs["queryset"] = article_reviewers()
        return super().formfield_for_manytomany(db_field, request, **kwargs)
