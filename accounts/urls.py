"""Django's auth views keep their plain names (`login`, `logout`, `password_reset`...),
which templates and LOGIN_URL use; the project's own account pages live under `accounts:`."""

from django.urls import include, path

from . import views

account_patterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/confirm/<uidb64>/<token>/", views.activate, name="activate"),
    path("profile/", views.profile, name="profile"),
    path("delete/", views.delete_account, name="delete"),
]

urlpatterns = [
    path("", include("django.contrib.auth.urls")),
    path("", include((account_patterns, "accounts"))),
]
