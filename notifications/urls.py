"""A person's own notifications and preferences, under /admin/notifications/ (staff only:
newsroom/urls.py includes this before the admin)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("mine/", admin.site.admin_view(views.notification_list), name="list"),
    path("mine/<int:pk>/", admin.site.admin_view(views.notification_open), name="open"),
    path("mine/read/", admin.site.admin_view(views.mark_all_read), name="mark_all_read"),
    path("preferences/", admin.site.admin_view(views.preferences), name="preferences"),
]
