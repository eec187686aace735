"""Under /admin/autosave/ (newsroom/urls.py includes this before the admin)."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "autosave"

urlpatterns = [
    path("<int:pk>/", admin.site.admin_view(views.save), name="save"),
    path("<int:pk>/discard/", admin.site.admin_view(views.discard), name="discard"),
    path("<int:pk>/offer/", admin.site.admin_view(views.offer), name="offer"),
]
