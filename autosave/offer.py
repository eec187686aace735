"""What the change form offers a person on opening: their autosave, when it holds text that
differs from the article as saved, with the differences field by field."""

from django.template.loader import render_to_string
from django.urls import reverse

from .fields import differences
from .models import Autosave


def offer_for(article, user):
    """{"autosave", "changes", "restore", "older"} or None when nothing is worth offering."""
    autosave = Autosave.objects.filter(article=article, user=user).first()
    if autosave is None:
        return None
    changes = differences(article, autosave.data)
    if not changes:
        return None
    return {
        "autosave": autosave,
        "changes": [(name, label, rows, autosave.data[name]) for name, label, rows in changes],
        "restore": {
            **{name: autosave.data[name] for name, _label, _rows in changes},
            **based_on(article, autosave.base_version, autosave.base_revision),
        },
        # This person's own save deletes their autosave, so an older one means someone else
        # saved the article after it was kept: offered still, so nothing typed is lost.
        "older": autosave.saved_at <= article.updated_at,
    }


def based_on(article, version, revision):
    """Restored text was typed on the version the writer had open: the form says so, so that
    a save meets whatever was saved since as a merge (articles/conflict.py), never as a silent
    overwrite of it. Nothing to say when that version is still the latest."""
    if version == article.lock_version:
        return {}
    # Without the revision the merge asks about every difference: slower, never lossy.
    return {"edit_version": str(version), "edit_revision": revision}


def render_offer(request, article, offer):
    context = {
        "article": article,
        "offer": offer,
        "discard_url": reverse("autosave:discard", args=[article.pk]),
    }
    return render_to_string("admin/autosave/_offer.html", context, request=request)
