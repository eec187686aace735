from django.urls import include, path, re_path

from . import reference
from .v1 import api

app_name = "api"

urlpatterns = [
    path("v1/reference/", reference.reference, name="reference"),
    path("v1/", include(api.urls[0])),
    # Anything else under /api/ is a JSON 404, not the site's HTML page.
    re_path(r"^.*$", reference.not_found, name="not_found"),
]
