"""Admin for static pages: editors write them in Markdown, with every revision kept."""

from django import forms
from django.contrib import admin
from django.core.cache import cache
from simple_history.admin import SimpleHistoryAdmin

from articles.events import send_on_commit
from articles.forms import MarkdownEditor
from articles.models import SiteIdentity
from shared.cache import content_changed
from shared.keys import NAV, static_page_key

from . import events
from .models import Page


class PageAdminForm(forms.ModelForm):
    class Meta:
        model = Page
        fields = [
            *("title", "slug", "parent", "body", "is_published", "footer_position"),
            *("seo_title", "seo_description"),
        ]
        widgets = {"body": MarkdownEditor}


@admin.register(Page)
class PageAdmin(SimpleHistoryAdmin):
    form = PageAdminForm
    list_display = ["title", "address", "is_published", "footer_position", "updated_at"]
    list_filter = ["is_published"]
    list_editable = ["footer_position"]
    search_fields = ["title", "path", "body"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["parent"]
    history_list_display = ["is_published"]

    @admin.display(description="address", ordering="path")
    def address(self, page):
        return page.get_absolute_url()

    def save_model(self, request, obj, form, change):
        was_published = bool(form.initial.get("is_published")) if change else False
        super().save_model(request, obj, form, change)
        if obj.is_published and not was_published:
            send_on_commit(events.page_published, page=obj)
        # The footer menu on every page lists pages, so the menu changes with any of them;
        # the cached site identity holds the policy pages the publisher's JSON-LD links.
        cache.delete(SiteIdentity.CACHE_KEY)
        content_changed(static_page_key(obj.pk), NAV)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        content_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        content_changed()
