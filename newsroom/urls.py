import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.functional import lazy

from articles.models import SiteIdentity

from . import admin_views, views


def _site_named(template):
    # Read at each render, so renaming the site in the admin renames the admin too.
    return lazy(lambda: template.format(SiteIdentity.current().name), str)()


admin.site.site_header = _site_named("{}: the editorial desk")
admin.site.site_title = _site_named("{} admin")
admin.site.index_title = "Editorial desk"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    # Before the admin's own route of the same address, which checks no visibility.
    path(
        "admin/r/<int:content_type_id>/<path:object_id>/",
        admin.site.admin_view(admin_views.view_on_site),
    ),
    path("admin/editor/", include("editor.urls")),  # the rich editor's JSON
    # Before the admin, whose app index answers admin/notifications/ itself.
    path("admin/notifications/", include("notifications.urls")),
    path("admin/notes/", include("notes.urls")),  # the notes panel's forms
    path("admin/autosave/", include("autosave.urls")),  # draft copies of the article form
    path("admin/presence/", include("presence.urls")),  # heartbeats, take-overs
    path("admin/memberships/members/", include("memberships.dashboard")),  # before the admin
    path("admin/", admin.site.urls),
    path("", include("memberships.urls")),  # before accounts: /accounts/membership/
    path("accounts/", include("accounts.urls")),
    path("comments/", include("comments.urls")),
    path("api/", include("api.urls")),
    path("newsletters/", include("newsletters.urls")),
    path("live/", include("live.urls")),
    path("payments/", include("memberships.payment_urls")),  # Checkout, portal, webhook
    path("anymail/", include("newsletters.webhook_urls")),
    path("robots.txt", views.robots_txt, name="robots"),
    path("", include("articles.syndication.urls")),
    path("", include("articles.urls")),
    path("", include("search.urls")),
]

if settings.SERVE_MEDIA:
    prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns += [
        re_path(rf"^{prefix}(?P<path>.*)$", views.media),
    ]

if settings.OLD_MEDIA_URL and settings.OLD_MEDIA_URL != settings.MEDIA_URL:
    prefix = settings.OLD_MEDIA_URL.strip("/")
    urlpatterns += [re_path(rf"^{re.escape(prefix)}/(?P<path>.+)$", views.old_media)]

# Last of all: a static page may take any address nothing above answers (/about/ethics/).
urlpatterns += [path("", include("pages.urls"))]

handler500 = "newsroom.views.server_error"
