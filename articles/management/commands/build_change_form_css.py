"""Writes the article change form's one stylesheet (articles/admin/stylesheet.py), to commit."""

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.admin.stylesheet import BUNDLE, bundle


class Command(BaseCommand):
    help = "Build static/newsroom_admin/change_form.css from the sheets the change form links."

    def handle(self, *args, **options):
        target = settings.BASE_DIR / "static" / BUNDLE
        target.write_text(bundle(), encoding="utf-8")
        self.stdout.write(f"Wrote {target}")
