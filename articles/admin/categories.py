"""The category admin: order, the category bar, trending."""

from django.contrib import admin
from django.db.models import Count

from ..models import Article, Category

Status = Article.Status


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "slug",
        "position",
        "in_category_bar",
        "shows_trending",
        "article_count",
    ]
    list_editable = ["position", "in_category_bar"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("articles"))

    @admin.display(description="articles", ordering="article_count")
    def article_count(self, category):
        return category.article_count
