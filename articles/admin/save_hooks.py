"""Rules other apps add to the article's admin save, without this app knowing them (the
soft lock of the presence app: only the holder saves, and saving and leaving frees it).

`SAVE_CHECKS`: callables (request, article) -> a message, or None; a message refuses the
save with the form kept as typed. `SAVED`: callables (request, article) -> None, called
inside the save's transaction once it went through. Appended from their app's ready().
"""

SAVE_CHECKS = []
SAVED = []


def refusals(request, article):
    return [message for message in (check(request, article) for check in SAVE_CHECKS) if message]


def saved(request, article):
    for hook in SAVED:
        hook(request, article)
