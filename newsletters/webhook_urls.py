"""Mounted at /anymail/ by the root URLconf: the one tracking webhook the site answers
(`webhooks.py`). Anymail's own URLconf, with every provider's inbound and tracking webhooks,
is not mounted."""

from django.urls import path

from . import webhooks

app_name = "newsletters_webhooks"
urlpatterns = [path("<slug:provider>/tracking/", webhooks.tracking, name="tracking")]
