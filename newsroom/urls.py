from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path

from . import operations, views

admin.site.site_header = f"{settings.SITE_NAME}: the editorial desk"
admin.site.site_title = f"{settings.SITE_NAME} admin"
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("healthz", operations.healthz, name="healthz"),
    path("readyz", operations.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("comments/", include("comments.urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include("articles.syndication_urls")),
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(
            rf"^{prefix}(?P<path>.*)$", operations.media, {"document_root": settings.MEDIA_ROOT}
        ),
    ]

# Last of all: a static page may take any address nothing above answers (/about/ethics/).
urlpatterns += [path("", include("articles.page_urls"))]

handler500 = "newsroom.operations.server_error"
