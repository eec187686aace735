"""Django's auth views keep their plain names (`login`, `logout`, `password_reset`...),
which templates and LOGIN_URL use; the project's own account pages live under `accounts:`."""

from django.urls import include, path

from . import auth_views, views

account_patterns = [
    path("signup/", views.signup, name="signup"),
    path("signup/confirm/<uidb64>/<token>/", views.activate, name="activate"),
    path("profile/", views.profile, name="profile"),
    path("delete/", views.delete_account, name="delete"),
    path("log-out-elsewhere/", views.log_out_elsewhere, name="log_out_elsewhere"),
]

# Before Django's own routes of the same names, which they replace.
auth_patterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", auth_views.PasswordResetView.as_view(), name="password_reset"),
]

urlpatterns = [
    *auth_patterns,
    path("", include("django.contrib.auth.urls")),
    path("", include((account_patterns, "accounts"))),
]
