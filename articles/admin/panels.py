"""Panels other apps put beside the article's change form: notes between reporter and editor,
who else has the story open. Each entry of `ARTICLE_PANELS` is a callable
(request, article) -> HTML (already escaped, a SafeString) or "" for nothing; `article` is None
on the add page. Entries are appended from their app's ready(); this app knows none of them,
and the change page draws them in order above the form, outside it, so a panel may
carry forms of its own (change_form.html, block object-tools).
`HISTORY_PANELS` holds the same kind of callables for the article's history page, drawn
below the revisions (history.html).
"""

ARTICLE_PANELS = []
HISTORY_PANELS = []


def panels(request, article):
    """The panels of `article`'s change page for `request.user`, in the order added."""
    return [html for html in (panel(request, article) for panel in ARTICLE_PANELS) if html]


def history_panels(request, article):
    """The panels of `article`'s history page for `request.user`, in the order added."""
    return [html for html in (panel(request, article) for panel in HISTORY_PANELS) if html]


# Above the article list: (request) -> HTML or "" (who else is editing which article).
ARTICLE_LIST_PANELS = []


def list_panels(request):
    return [html for html in (panel(request) for panel in ARTICLE_LIST_PANELS) if html]
