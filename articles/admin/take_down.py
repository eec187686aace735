"""The take-down action: an editor removes articles for legal or privacy reasons.

Separate from archiving (which keeps a story readable): a taken-down article answers 410
Gone at every address it had, and the reason asked for here is kept in its history.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from .. import services


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        max_length=2000,
        help_text="Why the article is removed (e.g. “court order of 3 March”, “names a minor”). "
        "Kept in the article's history; never shown to readers.",
    )


@admin.action(
    description="Take down selected articles (legal or privacy)", permissions=["take_down"]
)
def take_down_selected(modeladmin, request, queryset):
    form = TakeDownForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        reason = form.cleaned_data["reason"]
        modeladmin._bulk(
            request,
            queryset,
            "Taken down",
            lambda a: services.article_take_down(article=a, user=request.user, reason=reason),
        )
        return None  # back to the list, with a message per article
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Take articles down",
        "opts": modeladmin.model._meta,
        "articles": queryset,
        "form": form,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/articles/article/take_down.html", context)
