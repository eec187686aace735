"""`manage.py seed_demo`: the demo newsroom (see demo/seed.py); `make run` loads it into an
empty database with `--if-empty`."""

from django.core.management.base import BaseCommand

from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create demo categories' articles, staff and reader accounts (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles", type=int, default=72, help="Total articles wanted (default 72)."
        )
        parser.add_argument(
            "--comments",
            type=int,
            default=None,
            help="Total comments wanted (default: ten per article).",
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when any article exists."
        )

    def handle(self, *args, articles, comments, if_empty, **options):
        self.verbosity = options["verbosity"]
        seed_demo(articles=articles, comments=comments, if_empty=if_empty, say=self.say)

    def say(self, text):
        if self.verbosity:
            self.stdout.write(text)
