from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo newsroom `make run` loads (`manage.py seed_demo`). Its own app because it
    fills every app and no app should know it; it has no models and nothing public."""

    name = "demo"
    verbose_name = "Demo content"
