"""The catch-all for static pages: included last in the root URLconf, so every other
address of the site wins over a page that happens to share its slug."""

from django.urls import re_path

from . import views

app_name = "pages"

urlpatterns = [
    re_path(r"^(?P<path>(?:[-\w]+/)+)$", views.page_detail, name="detail"),
]
