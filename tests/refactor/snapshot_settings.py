"""The project's settings, with caches that live and die with one process.

The snapshot tool renders every page in one process; a file or Redis cache would carry
pages, sessions and change times from one run into the next and make two runs differ.
SNAPSHOT_BASE_SETTINGS names the settings module to start from (the project's by default),
so the same tool runs on the code before and after the restructuring.
"""

import os
from importlib import import_module

_base = import_module(os.environ.get("SNAPSHOT_BASE_SETTINGS", "newsroom.settings"))
globals().update({name: value for name, value in vars(_base).items() if name.isupper()})

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    "changes": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "changes",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    },
}
