"""Members' own pages (memberships/views.py)."""

from django.urls import path

from . import views

app_name = "memberships"

urlpatterns = [
    # The offer for everyone, without a wall: one shared page, kept while the tiers stand.
    path("membership/", views.offer_page, name="offer"),
    # Under /accounts/: a reader's own page, which the page cache never keeps.
    path("accounts/membership/", views.membership_page, name="membership"),
    path("memberships/gift/<int:article_id>/", views.gift, name="gift"),
]
