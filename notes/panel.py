"""The notes panel on the article's change page and its history page (registered from
apps.py into articles.admin.panels). It carries its own plain forms, posting to views.py,
which send the person back here; text refused there comes back in its form (`drafts`).
"""

from django.template.loader import render_to_string

from . import drafts, services
from .models import Note


def threads_of(article):
    """[(first note, [replies])], oldest thread first: two queries whatever the count."""
    threads, by_id = [], {}
    for note in Note.objects.filter(article=article).for_panel():
        if note.parent_id is None:
            by_id[note.pk] = (note, [])
            threads.append(by_id[note.pk])
        elif note.parent_id in by_id:  # replies are newer than their thread's first note
            by_id[note.parent_id][1].append(note)
    return threads


def _entry(user, note, can_post):
    can_edit, can_delete = services.note_rights(user, note, can_note=can_post)
    return {
        "note": note,
        "can_edit": can_edit,
        "can_delete": can_delete,
        "edit_form": f"edit-{note.pk}",
    }


def render_panel(request, article, back):
    if article is None or article.pk is None:
        return ""
    user = request.user
    can_post = services.user_can_note(user, article)
    threads = [
        {
            "note": first,
            "entries": [_entry(user, note, can_post) for note in [first, *replies]],
            "reply_form": f"reply-{first.pk}",
        }
        for first, replies in threads_of(article)
    ]
    context = {
        "article": article,
        "open_threads": [t for t in threads if not t["note"].is_resolved],
        "resolved_threads": [t for t in threads if t["note"].is_resolved],
        "can_post": can_post,
        "back": back,
        "draft": drafts.take(request, article),
    }
    return render_to_string("notes/_panel.html", context, request=request)


def change_form_panel(request, article):
    return render_panel(request, article, back="change")


def history_panel(request, article):
    return render_panel(request, article, back="history")
