from django.core.management.base import BaseCommand

from shared.cache import content_changed, content_version


class Command(BaseCommand):
    help = (
        "Make every cached page and fragment stale at once, on every server sharing the "
        "cache. Run it after a deploy that changes templates or styles."
    )

    def handle(self, *args, **options):
        content_changed()
        self.stdout.write(f"Cached pages are stale; content version is now {content_version()}.")
