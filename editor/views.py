"""The JSON the editor asks for: our published articles to link to, pictures by number.

Mounted under /admin/ through admin.site.admin_view (staff only); each view also needs the
permission the admin asks for the same thing.
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from articles.images import Image, whole_thumbnail_url
from articles.models import Article

MAX_RESULTS = 10
MAX_IDS = 50


def _require(request, codename):
    if not request.user.has_perm(f"articles.{codename}"):
        raise PermissionDenied


@never_cache
@require_GET
def link_search(request):
    """Published articles whose headline holds the words typed, newest first."""
    _require(request, "change_article")
    query = request.GET.get("q", "").strip()[:100]
    articles = Article.objects.published().order_by("-published_at")
    for word in query.split()[:5]:
        articles = articles.filter(headline__icontains=word)
    return JsonResponse(
        {
            "results": [
                {"title": article.headline, "url": article.get_absolute_url()}
                for article in (articles[:MAX_RESULTS] if query else [])
            ]
        }
    )


@never_cache
@require_GET
def image_data(request):
    """Library pictures by number: what the editor shows in place of [[image N]], drawn from
    the smallest copy of the whole picture (the original only until the job has made it)."""
    _require(request, "view_image")
    ids = [int(part) for part in request.GET.get("ids", "").split(",") if part.strip().isdigit()]
    images = Image.objects.filter(pk__in=ids[:MAX_IDS]) if ids else Image.objects.none()
    return JsonResponse(
        {
            "images": [
                {
                    "id": image.pk,
                    "alt": image.alt_text,
                    "caption": image.caption,
                    "credit": image.credit,
                    "thumbnail_url": whole_thumbnail_url(image),
                }
                for image in images
            ]
        }
    )
