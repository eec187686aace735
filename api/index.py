"""`/api/v1/` itself: where the API's resources and its OpenAPI document are, as absolute
links, so a client (or a developer with curl) can start from the one address it knows."""

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from shared import site_address
from shared.cache import depends_on
from shared.keys import SITE

from .v1 import api

RESOURCES = {
    "articles": "api:article_list",
    "categories": "api:category_list",
    "tags": "api:tag_list",
    "authors": "api:author_list",
    "pages": "api:static_page_list",
    "staff_articles": "api:article_create",
}


@csrf_exempt  # an API address: a POST gets a JSON answer, never the CSRF page
def index(request):
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"detail": "Only GET and HEAD here."}, status=405)
        response["Allow"] = "GET, HEAD, OPTIONS"
        return response

    def link(name):
        return site_address.absolute_url(reverse(name))

    depends_on(request, SITE)
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "description": api.description,
            "resources": {name: link(url_name) for name, url_name in RESOURCES.items()},
            "openapi": link("api:openapi-json"),
            "reference": link("api:reference"),
        },
        json_dumps_params={"ensure_ascii": False},
    )
