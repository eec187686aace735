from django.apps import AppConfig


class PrepublishConfig(AppConfig):
    name = "prepublish"
    verbose_name = "Pre-publish check"

    def ready(self):
        from articles.publish_checks import PUBLISH_CHECKS

        from . import checks, receivers  # noqa: F401  receivers connect on import

        if checks.run_all not in PUBLISH_CHECKS:
            PUBLISH_CHECKS.append(checks.run_all)
