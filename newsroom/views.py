from django.conf import settings
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET


@require_GET
@cache_control(public=True, max_age=86400)
def robots_txt(request):
    """Crawlers: skip the staff and account pages, and here are the sitemaps."""
    context = {"site_url": settings.SITE_URL.rstrip("/")}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")
