from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from . import personal, receivers  # noqa: F401  (receivers: connected on import)

        personal.register()
