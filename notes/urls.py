"""The notes panel's form endpoints, under /admin/notes/ (newsroom/urls.py includes them
before the admin); admin_view lets staff alone in, each view checks the article."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("article/<int:article_id>/", admin.site.admin_view(views.post), name="post"),
    path("<int:note_id>/edit/", admin.site.admin_view(views.edit), name="edit"),
    path("<int:note_id>/delete/", admin.site.admin_view(views.delete), name="delete"),
    path("<int:note_id>/resolve/", admin.site.admin_view(views.resolve), name="resolve"),
]
