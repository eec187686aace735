from django.apps import AppConfig


class PresenceConfig(AppConfig):
    name = "presence"
    verbose_name = "Presence and locks"

    def ready(self):
        from articles.admin.panels import ARTICLE_LIST_PANELS, ARTICLE_PANELS
        from articles.admin.save_hooks import HOLDERS, SAVE_CHECKS, SAVED

        from . import panels, receivers, services  # noqa: F401 (receivers: a take-over tells the holder)

        for registry, hook in (
            (ARTICLE_PANELS, panels.change_form_panel),
            (ARTICLE_LIST_PANELS, panels.change_list_panel),
            (SAVE_CHECKS, panels.refuse_save_by_non_holder),
            (SAVED, panels.release_on_save_and_leave),
            (HOLDERS, services.held_by_other),  # the write API refuses their saves (423)
        ):
            if hook not in registry:
                registry.append(hook)

        from jobs import periodic

        periodic.register("presence-sweep", services.presence_sweep)  # closed tabs' rows, no cron
