from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import access
from live import gated, stream
from shared import personal

register = template.Library()


@register.simple_tag(takes_context=True)
def live_coverage(context, article):
    """The live coverage area under an article; the article app knows nothing of live pages.

    Nothing for an article that was never live (no query); for a live page, the key points,
    the pinned update and one page of the stream (`?page=`), shared by every reader and
    rebuilt only when its updates (or the article) change.
    """
    if not article.is_live_coverage:
        return ""
    request = context.get("request")
    raw_page = request.GET.get("page", "1") if request else "1"
    if access.is_withheld(article):
        # A live page behind a wall: its stream is the story, so it follows the body's rule:
        # a personal part, filled for entitled readers alone (live/gated.py).
        page = stream.page_number(raw_page)
        return mark_safe(personal.marker(gated.PART, f"{article.pk}:{page}"))
    return mark_safe(stream.coverage_html(article, raw_page, request))


@register.filter
def time_ago(moment):
    """ "just now", "5 min ago", "3 h ago" or the date, from the server's clock; live.js
    keeps it current in the reader's browser."""
    if not moment:
        return ""
    seconds = max(0, (timezone.now() - moment).total_seconds())
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    return timezone.localtime(moment).strftime("%-d %b")
