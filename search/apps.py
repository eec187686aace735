from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        # The index listens to articles' saves; articles never needs to know it exists.
        from . import index

        index.connect()
