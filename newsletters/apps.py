from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = "Newsletters"

    def ready(self):
        from jobs import periodic

        from . import personal, services, tracking

        personal.register()
        tracking.connect()
        periodic.register("newsletters-digest", services.digest_if_due)
