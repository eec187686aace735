"""The picture library's admin."""

from django.contrib import admin
from django.template.loader import render_to_string
from django.utils.html import format_html

from .. import services
from ..forms import ImageAdminForm
from ..images import thumbnail_url
from ..models import Article, Image

Status = Article.Status
# Enough for an editor to see where a picture is used; a longer list says so by its length.
SHOWN_BY_LIMIT = 50


def stories_showing(image):
    """The stories that show `image`, newest first: featured, social, or in the body."""
    rows = Article.objects.using_image(image.pk).only("pk", "headline", "status")
    return list(rows.order_by("-pk")[:SHOWN_BY_LIMIT])


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageAdminForm
    list_display = [
        "thumbnail",
        "pk",
        "alt_text",
        "caption",
        "credit",
        "width",
        "height",
        "created_at",
    ]
    search_fields = ["alt_text", "caption", "credit", "tags__name"]
    readonly_fields = ["width", "height", "uploaded_by", "created_at", "shown_by"]

    @admin.display(description="Shown by")
    def shown_by(self, image):
        """Where the picture is used, as Wagtail's usage count and WordPress's "Uploaded to"
        tell: before an editor changes or deletes it."""
        if image.pk is None:
            return "-"
        return render_to_string(
            "admin/articles/image/_shown_by.html", {"shown_by": stories_showing(image)}
        )

    def render_delete_form(self, request, context):
        context["shown_by"] = stories_showing(context["object"])
        return super().render_delete_form(request, context)

    @admin.display(description="image")
    def thumbnail(self, image):
        # The smallest copy (the original until the job has made it): a library page of
        # camera originals would load hundreds of megabytes for 80-pixel thumbnails.
        return format_html(
            '<img class="nr-thumb" src="{}" alt="" width="80" height="45">', thumbnail_url(image)
        )

    # Writers see the whole library (to pick pictures) but change only what is theirs and
    # unpublished; anything else opens read-only and a forged POST gets 403.
    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or services.user_can_change_image(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or services.user_can_change_image(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if change and "file" in form.changed_data:
            # The old file goes, and the articles that show it move to the new one.
            services.image_replace_file(image=obj, old_name=form.initial["file"].name)
        else:
            super().save_model(request, obj, form, change)
