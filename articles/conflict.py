"""A save that meets a newer save by someone else: what differs, field by field, and the merge.

The article form (forms.py) builds an ArticleMerge from what the person posted (mine), the
row as it is now (theirs) and the revision they opened (the base, from the history). A
field only one side changed since the base is settled without asking; the body is merged
paragraph by paragraph (merge.py); what both changed becomes a Question for the merge
panel (templates/admin/articles/article/_merge.html). Tags and bylines are not in the
history, so a difference there is always asked about; so is everything without a base.
"""

import datetime
import hashlib

from django import forms
from django.db import models
from django.utils import formats, timezone

from . import merge
from .diff import word_diff
from .typography import typeset

PREFIX = "merge-"
TYPESET = {"headline", "standfirst"}  # Article.save typesets them: compare them typeset
NONE = object()  # no base value known: equal to nothing


def merge_posted(form, cleaned, merge):
    """Merge into `cleaned` or say why the form comes back (the message to show).

    Saved only when nothing of theirs is in play (they changed no field this person sees),
    or when the panel's choices answer exactly this merge (the same newer version, the
    same differences). Otherwise the form comes back with the panel and everything
    typed: a newer save is never replaced unasked, and a third save asks again.
    """
    if not merge.differs:
        return None
    posted_plan = form.data.get(form.PLAN_FIELD)
    missing = merge.read_choices(form.data) if posted_plan == merge.plan_id else None
    if missing == []:
        cleaned.update(merge.values())
        return None
    form.data = form.data.copy()
    if missing:
        return "Not saved yet: choose a version for " + ", ".join(missing) + "."
    if merge.questions and posted_plan:
        return (
            f"Not saved: the article changed again since the merge was shown (latest "
            f"save by {merge.saved_by}), or your text did. Everything you typed is still "
            "in the form: choose again below, then save the merged version."
        )
    if merge.questions:
        return (
            f"{merge.saved_by} saved this article after you opened it. Nothing is saved "
            "yet and everything you typed is still in the form: choose between their "
            "version and yours below, then save the merged version."
        )
    # Nothing to choose: the merged text goes into the fields, to be read before saving.
    for name, value in merge.taken.items():
        if isinstance(value, str):
            form.data[form.add_prefix(name)] = value
    return (
        f"Merged: review and save. {merge.saved_by} saved this article after you opened "
        "it; their changes and yours are combined in the form. Nothing is saved yet."
    )


class Question:
    """One choice in the merge panel: a radio group `name` with `choices`."""

    def __init__(self, *, name, label, mine, theirs, choices):
        self.name, self.label, self.choices = name, label, choices
        self.mine_text, self.theirs_text = mine, theirs
        self.chosen = None
        segments = word_diff(theirs, mine)
        self.theirs = [(kind, text) for kind, text in segments if kind != "added"]
        self.mine = [(kind, text) for kind, text in segments if kind != "removed"]


class ArticleMerge:
    def __init__(self, *, form, cleaned, theirs, base):
        self.theirs, self.base = theirs, base
        self.saved_by = _saved_by(theirs)
        self.questions, self.settled, self.taken = [], [], {}
        self._body = None  # (base, mine, theirs) while body paragraphs are asked about
        self._theirs = {}
        base_fields = {f.name: f.attname for f in type(base)._meta.fields} if base else {}
        for name, field in form.fields.items():
            if name not in cleaned or name == "edit_version":
                continue
            mine, other = cleaned[name], _value(theirs, name)
            if _key(name, mine) == _key(name, other):
                continue
            label = str(field.label or name).capitalize()
            self._theirs[name] = other
            opened = _key(name, getattr(base, base_fields[name])) if name in base_fields else NONE
            if _key(name, mine) == opened:
                self.taken[name] = other
                self.settled.append((label, "theirs"))
            elif _key(name, other) == opened:
                self.settled.append((label, "yours"))
            elif name == "body":
                self._merge_body(label, getattr(base, "body", None), mine, other)
            else:
                shown = [_shown(field, value) for value in (mine, other)]
                self.questions.append(
                    Question(
                        name=f"{PREFIX}{name}",
                        label=label,
                        mine=shown[0],
                        theirs=shown[1],
                        choices=[(merge.MINE, "Keep mine"), (merge.THEIRS, "Take theirs")],
                    )
                )

    @property
    def differs(self):
        return bool(self.questions or self.taken)

    @property
    def plan_id(self):
        """Names this merge: the version met and the questions asked. Choices posted
        under another plan (someone saved again, the text changed) are not applied."""
        parts = [str(self.theirs.lock_version)]
        parts += [f"{q.name}\0{q.mine_text}\0{q.theirs_text}" for q in self.questions]
        return hashlib.sha256("\0\0".join(parts).encode()).hexdigest()[:16]

    def read_choices(self, data):
        """Take each question's choice from the posted data; the labels of those unanswered."""
        for question in self.questions:
            posted = data.get(question.name)
            question.chosen = posted if posted in dict(question.choices) else None
        return [question.label for question in self.questions if question.chosen is None]

    def values(self):
        """The merged values of the fields that change, once every question is answered."""
        values = dict(self.taken)
        for question in self.questions:
            field = question.name.removeprefix(PREFIX)
            if field in self._theirs and question.chosen == merge.THEIRS:
                values[field] = self._theirs[field]
        if self._body is not None:
            choices = [q.chosen for q in self.questions if q.name.startswith(f"{PREFIX}body-")]
            values["body"] = merge.merge_paragraphs(*self._body, choices)
        return values

    def _merge_body(self, label, base, mine, theirs):
        found = merge.conflicts(base, mine, theirs)
        if not found:
            self.taken["body"] = merge.merge_paragraphs(base, mine, theirs, [])
            self.settled.append((label, "both"))
            return
        self._body = (base, mine, theirs)
        for number, conflict in enumerate(found, start=1):
            self.questions.append(
                Question(
                    name=f"{PREFIX}body-{number}",
                    label=f"{label}, difference {number} of {len(found)}",
                    mine=merge.join(conflict.mine),
                    theirs=merge.join(conflict.theirs),
                    choices=[
                        (merge.MINE, "Keep mine"),
                        (merge.THEIRS, "Take theirs"),
                        (merge.BOTH, "Keep both, mine first"),
                    ],
                )
            )


def _saved_by(article):
    record = article.history.select_related("history_user").first()
    user = record.history_user if record else None
    return getattr(user, "public_name", "") or getattr(user, "username", "") or "Someone"


def _value(article, name):
    if name == "tags":
        return sorted(article.tags.names())
    if article._meta.get_field(name).many_to_many:
        return list(getattr(article, name).all())
    return getattr(article, name)


def _key(name, value):
    """What equality means for a field's value, however it came (form, row or revision)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, list | tuple | set | models.QuerySet):
        return tuple(sorted(str(_key(None, item)) for item in value))
    if isinstance(value, datetime.datetime):
        return value.replace(microsecond=0)  # the form's time box holds whole seconds
    if value is None or value == "":
        return None
    if name in TYPESET:
        return typeset(value)
    return value


def _shown(field, value):
    """A value as a person reads it in the panel."""
    if value is None or value == "" or value == []:
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, list | tuple | models.QuerySet):
        return ", ".join(str(item) for item in value)
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        return str(dict(field.choices).get(value, value))
    return str(value)
