"""The editor's JSON, under /admin/ (newsroom/urls.py includes this before the admin)."""

from django.contrib import admin
from django.urls import path

from . import views

urlpatterns = [
    path("links/", admin.site.admin_view(views.link_search), name="editor_link_search"),
    path("images/", admin.site.admin_view(views.image_data), name="editor_image_data"),
]
