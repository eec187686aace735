"""A live page behind a wall: its stream drawn as a personal part (shared/personal.py).

The page everyone shares holds a marker where the stream goes; it is filled with the
stream (the same shared fragment open live pages show) for a reader entitled to the story,
and with nothing for the others, who see the teaser and the offer in the body above.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles import access
from articles.models import Article
from shared import personal

from . import stream

PART = "live-gated"


def coverage(request, args):
    found = {}
    for arg in args:
        story_id, _, page = arg.partition(":")
        article = None
        if story_id.isascii() and story_id.isdigit():
            article = Article.objects.readable_at_address().filter(pk=int(story_id)).first()
        if article is None or not article.is_live_coverage or not access.may_read(request, article):
            found[arg] = ""
            continue
        # Never stored as a page for everyone (a reader the page cache took for anonymous
        # may be entitled: an institution's network).
        request.skip_page_cache = True
        # live.js polls with the reader's cookie inside it (the answer is theirs).
        found[arg] = format_html(
            "<div data-live-walled>{}</div>", mark_safe(stream.coverage_html(article, page))
        )
    return found


def register():
    personal.register(PART, coverage)
