"""The live desk and the updates' list and revisions in the admin. Updates are written
only through the desk (live.services); the list links to it and shows each revision."""

from django.contrib import admin
from django.urls import path
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.tools import ARTICLE_TOOLS
from articles.models import Article

from . import services
from .desk import desk_url, desk_view
from .models import LiveUpdate


@admin.register(LiveUpdate)
class LiveUpdateAdmin(SimpleHistoryAdmin):
    list_display = ["summary", "live_page", "author", "published_at", "is_key_point", "is_pinned"]
    list_filter = ["is_key_point", "is_pinned", "is_correction", "deleted_at"]
    list_select_related = ["article", "author"]
    search_fields = ["headline", "body", "article__headline"]
    date_hierarchy = "published_at"
    readonly_fields = [field.name for field in LiveUpdate._meta.fields]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("desk/<int:article_id>/", view(desk_view(self)), name="live_liveupdate_desk"),
        ] + super().get_urls()

    # The list, an update's history and the desk show only what the article admin shows.
    def get_queryset(self, request):
        articles = Article.objects.visible_to(request.user)
        return super().get_queryset(request).filter(article__in=articles)

    def has_view_permission(self, request, obj=None):
        if not super().has_view_permission(request, obj):
            return False
        return (
            obj is None
            or Article.objects.visible_to(request.user).filter(pk=obj.article_id).exists()
        )

    # Posting, editing and deleting go through the desk, which asks live.services.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="update")
    def summary(self, update):
        return update.summary

    @admin.display(description="live page", ordering="article__headline")
    def live_page(self, update):
        return format_html(
            '<a href="{}">{}</a> (desk)', desk_url(update.article), update.article.headline
        )


def desk_tool(request, article):
    """The article's change page links to its desk, or lets an editor start coverage."""
    if article.is_live_coverage:
        return ("Live desk", desk_url(article))
    if services.user_can_run_coverage(request.user) and article.status in (
        article.Status.DRAFT,
        article.Status.IN_REVIEW,
        article.Status.PUBLISHED,
    ):
        return ("Make this a live page", desk_url(article))
    return None


ARTICLE_TOOLS.append(desk_tool)
