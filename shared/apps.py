from django.apps import AppConfig


class SharedConfig(AppConfig):
    """What every app uses: page cache, keys, personal parts, edge, uploads. Imports no app."""

    name = "shared"
    verbose_name = "Shared layer"
