from django.urls import path

from . import views

app_name = "newsletters"
urlpatterns = [
    path("subscribe/", views.subscribe, name="subscribe"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("follow/", views.follow, name="follow"),
    path("preferences/", views.preferences, name="preferences"),
    path("preferences/<str:token>/", views.preferences_link, name="preferences_link"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("privacy/", views.privacy, name="privacy"),
]
