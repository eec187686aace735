"""The payment provider's addresses (newsroom/urls.py includes them under payments/)."""

from django.urls import path

from . import payment_views

app_name = "payments"

urlpatterns = [
    path("join/<slug:slug>/", payment_views.join, name="join"),
    path("donate/", payment_views.donate, name="donate"),
    *(
        path(f"back/{done}/", payment_views.returned, {"done": done}, name=f"returned-{done}")
        for done in payment_views.RETURNED
    ),
    path("portal/", payment_views.portal, name="portal"),
    path("stripe/webhook/", payment_views.webhook, name="webhook"),
]
