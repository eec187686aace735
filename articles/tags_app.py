"""django-taggit, named for editors: the admin's sidebar said "TAGGIT".

Its own module: an apps.py with two AppConfig classes would leave Django to guess which
one is the articles app's.
"""

from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    verbose_name = "Tags"
