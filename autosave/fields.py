"""Which fields of the article's change form an autosave keeps, and how they differ from the
article as saved. The text fields only: pickers (category, pictures, bylines) and the status
are quick to set again, and a status or a picture is not work that can be lost."""

from django.utils.text import capfirst

from articles.body import MAX_BODY_CHARS, normalize_source
from articles.diff import text_diff
from articles.forms import TagsInput
from articles.models import Article

FIELDS = ["headline", "standfirst", "body", "tags", "slug", "seo_title", "seo_description"]

# Generous bounds on what is kept (the form itself refuses past the model's limits, with the
# reason, when the writer saves); the body's is the article form's own.
MAX_CHARS = {"body": MAX_BODY_CHARS}
MAX_OTHER_CHARS = 10_000


def label(name):
    return capfirst(Article._meta.get_field(name).verbose_name)


def normalized(name, value):
    """What the form would save: browsers post textareas with CRLF line endings."""
    value = str(value or "")
    return normalize_source(value) if name == "body" else value.replace("\r\n", "\n")


def from_post(post):
    """The autosaved fields of a posted change form; [] of problems, a clear one per field."""
    data, problems = {}, []
    for name in FIELDS:
        if name not in post:
            continue
        value = normalized(name, post[name])
        limit = MAX_CHARS.get(name, MAX_OTHER_CHARS)
        if len(value) > limit:
            problems.append(
                f"The {label(name).lower()} is {len(value):,} characters long; the limit is "
                f"{limit:,}. Nothing was kept as a draft copy: shorten it, then save."
            )
        data[name] = value
    return data, problems


def saved_values(article):
    """The article's fields as its change form shows them."""
    values = {name: getattr(article, name) or "" for name in FIELDS if name != "tags"}
    values["tags"] = TagsInput().format_value(list(article.tags.all())) or ""
    return values


def differences(article, data):
    """[(field name, label, diff rows)] where `data` differs from the saved article."""
    saved = saved_values(article)
    changes = []
    for name in FIELDS:
        if name not in data:
            continue
        before, after = normalized(name, saved[name]), normalized(name, data[name])
        if before != after:
            changes.append((name, label(name), text_diff(before, after)))
    return changes
