"""Comment knobs, each optional in settings; the defaults are what a newsroom starts with."""

from django.conf import settings


def get(name, default):
    return getattr(settings, name, default)


def max_length():
    return get("COMMENTS_MAX_LENGTH", 3000)


def max_depth():
    """How many levels a thread shows: 3 means a comment, a reply, and a reply to that."""
    return get("COMMENTS_MAX_DEPTH", 3)


def edit_window_seconds():
    return get("COMMENTS_EDIT_WINDOW_SECONDS", 15 * 60)


def close_after_days():
    """Comments close this many days after publishing; None keeps them open."""
    return get("COMMENTS_CLOSE_AFTER_DAYS", 30)


def threads_per_page():
    return get("COMMENTS_THREADS_PER_PAGE", 50)


def rate_limits():
    """(how many comments, per how many seconds), checked per account and per IP address."""
    return get("COMMENTS_RATE_LIMITS", [(1, 15), (30, 3600)])


def hold_first_comment():
    return get("COMMENTS_HOLD_FIRST_COMMENT", True)


def max_links():
    """A comment with more links than this waits for an editor."""
    return get("COMMENTS_MAX_LINKS", 2)


def blocked_words():
    return get("COMMENTS_BLOCKED_WORDS", [])


def trusted_after():
    """Approved comments after which a commenter skips the first-comment and link holds."""
    return get("COMMENTS_TRUSTED_AFTER", 3)


def flags_to_hide():
    return get("COMMENTS_FLAGS_TO_HIDE", 3)
