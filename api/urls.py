from django.urls import include, path, re_path

from . import index, reference
from .v1 import api

app_name = "api"

urlpatterns = [
    path("v1/reference/", reference.reference, name="reference"),
    # Before ninja's own root, which answers an HTML 404 when its docs page is off.
    path("v1/", index.index, name="index"),
    path("v1/", include(api.urls[0])),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", reference.not_found, name="not_found"),
]
