"""The notes panel's form endpoints, under /admin/notes/ (staff only through admin_view).

Each takes a plain form post, calls one service, and sends the person back to the page the
form was on (the change form or the history page, at #notes) with a message. Refused text is
kept for the panel to show again (`drafts`); a person who may not write notes on the
article gets 403.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from articles.models import Article
from shared import submit_once
from shared.numbers import positive

from . import drafts, services
from .models import Note

BACK = {"change": "admin:articles_article_change", "history": "admin:articles_article_history"}


def _back(request, article):
    name = BACK.get(request.POST.get("back"), BACK["change"])
    return redirect(reverse(name, args=[article.pk]) + "#notes")


def _refused(request, article, form, error):
    message = " ".join(error.messages)
    drafts.keep(request, article, form, request.POST.get("body", ""), message)
    messages.error(request, f"The note was not saved: {message}")
    return _back(request, article)


def _note(note_id):
    """The note, or None when it is gone (a second click of Delete, a colleague's delete)."""
    return Note.objects.select_related("article").filter(pk=note_id).first()


@require_POST
def post(request, article_id):
    article = get_object_or_404(Article, pk=article_id)
    # A double click or a retried POST posts one note; the second answer says so.
    back = _back(request, article).url
    return submit_once.run_once(request, "notes-post", lambda: _post(request, article), back=back)


def _post(request, article):
    parent_id = positive(request.POST.get("parent"))
    parent = get_object_or_404(Note, pk=parent_id, article=article) if parent_id else None
    form = f"reply-{parent.parent_id or parent.pk}" if parent else "new"
    try:
        services.note_post(
            article=article, author=request.user, body=request.POST.get("body"), parent=parent
        )
    except ValidationError as error:
        return _refused(request, article, form, error)
    messages.success(request, "Reply posted." if parent else "Note posted.")
    return _back(request, article)


@require_POST
def edit(request, note_id):
    note = _note(note_id)
    if note is None:  # deleted while this person edited it: their text goes to a new note
        return _gone(
            request,
            "The note you edited was deleted meanwhile. Your text is kept in the new note's box.",
            keep=request.POST.get("body", ""),
        )
    try:
        services.note_edit(note=note, user=request.user, body=request.POST.get("body"))
    except ValidationError as error:
        return _refused(request, note.article, f"edit-{note.pk}", error)
    messages.success(request, "Note saved.")
    return _back(request, note.article)


@require_POST
def delete(request, note_id):
    note = _note(note_id)
    if note is None:
        return _gone(request, "That note was already deleted.")
    try:
        services.note_delete(note=note, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Note deleted.")
    return _back(request, note.article)


def _gone(request, message, keep=None):
    """A form of a note that no longer exists (a second click of Delete, a colleague's
    delete first): the person goes back where they were, told so, rather than to a 404,
    and text they typed is kept for the new-note box. The form names its article; an
    article this person may not see, or none, sends them to the article list instead of
    saying whether it exists."""
    article_id = positive(request.POST.get("article"))
    article = Article.objects.visible_to(request.user).filter(pk=article_id).first()
    if article is None:
        messages.info(request, message)
        return redirect("admin:articles_article_changelist")
    if keep and keep.strip() and services.user_can_note(request.user, article):
        drafts.keep(request, article, "new", keep, message)
    else:
        messages.info(request, message)
    return _back(request, article)


@require_POST
def resolve(request, note_id):
    note = _note(note_id)
    if note is None:
        return _gone(request, "That thread was deleted.")
    reopen = bool(request.POST.get("reopen"))
    services.note_resolve(note=note, user=request.user, resolved=not reopen)
    messages.success(request, "Thread reopened." if reopen else "Thread resolved.")
    return _back(request, note.article)
