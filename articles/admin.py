from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from .models import Article, Category, Image


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "shows_trending", "article_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, category):
        return category.article_count


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "caption", "credit", "width", "height", "created_at"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["width", "height", "uploaded_by", "created_at"]

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" height="45" style="object-fit:cover">', image.file.url
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "status", "category", "bylines", "published_at", "is_featured"]
    list_filter = ["status", "category", "is_featured", "published_at", "authors"]
    list_select_related = ["category"]
    search_fields = ["headline", "standfirst", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["authors", "featured_image"]
    view_on_site = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "standfirst", "body"]}),
        ("Filing", {"fields": ["category", "tags", "authors", "featured_image"]}),
        ("Publishing", {"fields": ["status", "published_at", "is_featured", "feature_position",
                                   "comments_open"]}),
        ("Search and sharing", {"classes": ["collapse"], "fields": ["seo_title",
                                                                     "seo_description"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            kwargs["queryset"] = Category.objects.filter(shows_trending=False)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="authors")
    def bylines(self, article):
        return ", ".join(author.public_name for author in article.authors.all())

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_changeform_initial_data(self, request):
        return {"authors": [request.user.pk], **super().get_changeform_initial_data(request)}
