from django.conf import settings
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView
from taggit.models import Tag

from accounts.models import User

from .models import Article, Category


class PublishedListView(ListView):
    """A paginated list of published articles, newest first."""

    paginate_by = settings.ARTICLES_PER_PAGE
    context_object_name = "articles"

    def published(self):
        return Article.objects.published().for_listing().latest_first()


class HomeView(PublishedListView):
    template_name = "articles/home.html"
    paginate_by = None

    def get_queryset(self):
        return self.published()[:30]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured = list(
            Article.objects.published()
            .for_listing()
            .filter(is_featured=True)
            .order_by("feature_position", "-published_at")[:5]
        )
        featured_ids = {article.pk for article in featured}
        latest = [article for article in context["articles"] if article.pk not in featured_ids]
        lead_and_top = featured + latest[: max(0, 5 - len(featured))]
        context["lead"] = lead_and_top[0] if lead_and_top else None
        context["top_stories"] = lead_and_top[1:5]
        shown = {article.pk for article in lead_and_top}
        context["latest"] = [article for article in latest if article.pk not in shown][:20]
        return context


class CategoryView(PublishedListView):
    template_name = "articles/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return self.published().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class TagView(PublishedListView):
    template_name = "articles/tag_detail.html"

    def get_queryset(self):
        self.tag = get_object_or_404(Tag, slug=self.kwargs["slug"])
        return self.published().filter(tags=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(PublishedListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(User, slug=self.kwargs["slug"])
        return self.published().filter(authors=self.author)

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_listing().prefetch_related("tags")
