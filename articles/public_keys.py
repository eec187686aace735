"""Which cached pages an article's save makes stale (the keys of shared/cache.py, named in
shared/keys.py).

An article's own page, and every card of it wherever it is listed, depend on
"article:<id>". The listings it appears in depend on "home", "category:<id>", "tag:<id>"
and "author:<id>": those change when it enters or leaves them, or moves within them
(publish, unpublish, schedule, a new date, a new category, featuring). A draft nobody can
see changes nothing. A removal needs no broad purge: every page that showed the article's
card depended on its key.
"""

from shared.keys import HOME, SCHEDULE, article_key, author_key, category_key, tag_key

# The fields whose change moves the article within or between listings.
LISTED_BY = ("status", "published_at", "category_id", "is_featured", "feature_position", "slug")


def public_state(article):
    return {field: getattr(article, field) for field in LISTED_BY}


def is_listed(state):
    """Public now, or scheduled: a scheduled article's listings must not outlive its time."""
    return state["status"] == "published" and state["published_at"] is not None


def is_seen(state):
    """Listed, or archived: readable at its address though no longer listed."""
    return is_listed(state) or (state["status"] == "archived" and state["published_at"] is not None)


def listing_keys(article, state):
    keys = {HOME, category_key(state["category_id"])}
    if article.pk is not None:
        keys.update(tag_key(pk) for pk in article.tags.values_list("pk", flat=True))
        keys.update(author_key(pk) for pk in article.authors.values_list("pk", flat=True))
    return keys


def keys_changed_by_save(article, before):
    """The keys a save of `article` made stale, given its public state when it was loaded
    (None for a new article)."""
    after = public_state(article)
    if not ((before is not None and is_seen(before)) or is_seen(after)):
        return set()
    keys = {article_key(article.pk)}
    was_listed = before is not None and is_listed(before)
    if before is None or before != after:
        if is_listed(after):
            keys |= listing_keys(article, after)
        if was_listed:
            keys |= listing_keys(article, before)
        if before is None or (before["status"], before["published_at"]) != (
            after["status"],
            after["published_at"],
        ):
            keys.add(SCHEDULE)
    return keys
