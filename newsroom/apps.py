from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsroom"
    verbose_name = "Newsroom"

    def ready(self):
        # Imported here, once every app is loaded: the wiring may import the apps, the
        # cache layer may not, so it is handed what it needs from them.
        from django.core import checks
        from django.core.signals import setting_changed

        from fronts.state import next_change
        from shared import cache, edge

        from . import request_signals

        # When the clock next changes pages (the next scheduled publish, each front's next
        # layout), read with the fronts' state every page asks for anyway (fronts/state.py).
        cache.schedule_source = next_change
        checks.register(edge.check_settings)
        checks.register(check_site_url, checks.Tags.security, deploy=True)
        request_signals.fit_receivers()
        setting_changed.connect(request_signals.fit_cache_receiver)


def check_site_url(app_configs, **kwargs):
    """Links in mail and webhook payloads would point at the default on a real site."""
    from django.conf import settings
    from django.core import checks

    if "//localhost" in settings.SITE_URL or "//127.0.0.1" in settings.SITE_URL:
        message = f"SITE_URL is {settings.SITE_URL}: set NEWSROOM_SITE_URL to the public address"
        return [checks.Warning(message, id="newsroom.W110")]
    return []
