"""The moderation rules, in one place. Each returns a reason to hold a comment, or None.

Trusted commenters (enough approved comments) skip the first-comment and link holds; the
blocked-words list applies to everybody.
"""

import re

from . import conf
from .text import count_links


def approved_count(author, *, editing=None):
    from .models import Comment

    approved = Comment.objects.filter(author=author, status=Comment.Status.APPROVED)
    if editing is not None:
        # The comment being edited must not vouch for itself: its approval was given to
        # the text it had, not to the links an edit adds.
        approved = approved.exclude(pk=editing.pk)
    return approved.count()


def first_comment(*, author, body, approved):
    if conf.hold_first_comment() and approved == 0:
        return "first comment from this reader"
    return None


def too_many_links(*, author, body, approved):
    limit = conf.max_links()
    if limit is not None and count_links(body) > limit:
        return f"more than {limit} links"
    return None


def blocked_word(*, author, body, approved):
    for word in conf.blocked_words():
        if re.search(rf"\b{re.escape(word)}\b", body, flags=re.IGNORECASE):
            return f"contains the blocked word “{word}”"
    return None


TRUST_SKIPS = [first_comment, too_many_links]
ALWAYS = [blocked_word]


def hold_reason(*, author, body, editing=None):
    """Why this comment should wait for an editor, or "" when it can appear at once.

    `editing` is the comment whose text is being replaced, when this is an edit.
    """
    approved = approved_count(author, editing=editing)
    trusted = approved >= conf.trusted_after()
    rules = ALWAYS if trusted else [*TRUST_SKIPS, *ALWAYS]
    for rule in rules:
        reason = rule(author=author, body=body, approved=approved)
        if reason:
            return reason
    return ""
