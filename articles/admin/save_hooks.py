"""Rules other apps add to the article's admin save, without this app knowing them (the
soft lock of the presence app: only the holder saves, and saving and leaving frees it).

`SAVE_CHECKS`: callables (request, article) -> a message, or None; a message refuses the
save with the form kept as typed. `SAVED`: callables (request, article) -> None, called
inside the save's transaction once it went through. Appended from their app's ready().
"""

SAVE_CHECKS = []
SAVED = []

# `HOLDERS`: callables (article, user) -> (the holder's display name, since) or None, when
# someone other than `user` holds the article for editing. Asked by saves from outside the
# admin's form (the write API), which cannot show the form's refusal.
HOLDERS = []


def refusals(request, article):
    return [message for message in (check(request, article) for check in SAVE_CHECKS) if message]


def held_by_other(article, user):
    for holder in HOLDERS:
        found = holder(article, user)
        if found is not None:
            return found
    return None


def skip_message(article, user):
    """Why a bulk action or a workflow button leaves `article` alone (someone else holds it,
    as the change form warns), or None when `user` may go ahead."""
    found = held_by_other(article, user)
    if found is None:
        return None
    return (
        f"Skipped “{article.headline}”: {found[0]} is editing it. Take over on its page, "
        "or leave a note, then try again."
    )


def saved(request, article):
    for hook in SAVED:
        hook(request, article)
