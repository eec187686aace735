"""The admin site: Django's, with its list of apps and models built only where a page shows it.

Django's `each_context` builds that list (every registered model's permissions, about 80 URL
reversals) for every admin page, for the sidebar; pages without one (the article's change
form, the desk's own screens) never read it, and it was a tenth of the change form's server
time. The list is built the first time a template reads it, the same list as before.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.functional import SimpleLazyObject


class NewsroomAdminSite(admin.AdminSite):
    def get_app_list(self, request, app_label=None):
        parent = super().get_app_list
        return SimpleLazyObject(lambda: parent(request, app_label))


class NewsroomAdminConfig(AdminConfig):
    """django.contrib.admin, with admin.site a NewsroomAdminSite (INSTALLED_APPS names it)."""

    default_site = "newsroom.admin_site.NewsroomAdminSite"
