"""Text a person typed that was refused (empty, too long): kept in their session for the
one page that shows the form again, so nothing typed is lost on the redirect back."""

KEY = "notes_draft"
# Ten times what a note holds: all of any real mistake, and a bound on the session's size.
MAX_KEPT_CHARS = 50_000


def keep(request, article, form, body, error):
    body = body[:MAX_KEPT_CHARS]
    request.session[KEY] = {"article": article.pk, "form": form, "body": body, "error": error}


def take(request, article):
    """The refused draft for `article`'s panel, once; {} when there is none."""
    draft = request.session.get(KEY)
    if not draft or draft.get("article") != article.pk:
        return {}
    del request.session[KEY]
    return draft
