"""Under /admin/presence/ (newsroom/urls.py includes this before the admin)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "presence"

urlpatterns = [
    path("<int:pk>/heartbeat/", admin.site.admin_view(views.heartbeat), name="heartbeat"),
    path("<int:pk>/leave/", admin.site.admin_view(views.leave), name="leave"),
    path("<int:pk>/take-over/", admin.site.admin_view(views.take_over), name="take_over"),
    path("articles/", admin.site.admin_view(views.list_status), name="list_status"),
]
