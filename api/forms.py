"""The write API's article form: the admin's article form, built without the admin.

The admin's change page builds its form from ArticleAdminForm for the account's role: the
fields of its fieldsets less the editor-only ones for a writer (the admin shows those
read-only), published_at as a date box and a time box, the category among those an
article may be filed in. This builds the same form from the same parts, so the API
validates exactly as the admin does; tests/api/test_form.py holds the two side by side.
The admin's widgets (autocompletes, calendar) are left out: nothing renders this form.
"""

from django import forms
from django.db import models
from django.forms.models import modelform_factory

from articles.forms import ARTICLE_FORM_FIELDS, ArticleAdminForm, filing_categories
from articles.models import Article
from articles.services import EDITOR_ONLY_FIELDS, user_can_publish


def article_form_class(user):
    """The article form the admin would give this account."""
    can_publish = user_can_publish(user)
    shown = [name for name in ARTICLE_FORM_FIELDS if can_publish or name not in EDITOR_ONLY_FIELDS]
    form = modelform_factory(
        Article, form=ArticleAdminForm, fields=shown, formfield_callback=_formfield
    )

    class RoleForm(form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, can_publish=can_publish, **kwargs)

    return RoleForm


def _formfield(db_field, **kwargs):
    # The two places where the admin's form field differs from a plain ModelForm's in
    # what it accepts (ModelAdmin.formfield_overrides and ArticleAdmin's category).
    if isinstance(db_field, models.DateTimeField):
        kwargs = {"form_class": forms.SplitDateTimeField, **kwargs}
    if db_field.name == "category":
        kwargs["queryset"] = filing_categories()
    return db_field.formfield(**kwargs)
