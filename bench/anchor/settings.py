"""The benchmark's anchor: a bare Django + WhiteNoise app serving the newsroom's collected
static files (the same bytes as its static copy of the article), and nothing else.

No database, no apps, no other middleware, no logging of requests: what a file costs through
Django and gunicorn on this machine, the figure every page of the same run is compared with
(`make bench`, bench/run.py). Served by gunicorn with the newsroom's own gunicorn.conf.py.
"""

import os

SECRET_KEY = "anchor-" + "x" * 50
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "anchor.urls"
WSGI_APPLICATION = "anchor.wsgi.application"
INSTALLED_APPS = []
DATABASES = {}
MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]
STATIC_URL = "/static/"
STATIC_ROOT = os.environ["ANCHOR_STATIC_ROOT"]
USE_TZ = True
