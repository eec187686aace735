from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import access
from live import stream

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
    if access.is_withheld(article):
        # A live page behind a wall: the stream is shared HTML, so no reader gets it for now
        # (drawing it as a personal part, as the body is, is still to do).
        return ""
    request = context.get("request")
    raw_page = request.GET.get("page", "1") if request else "1"
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
