"""The desk's short form: text, an optional headline, picture or embed, and the flags."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import ForeignKeyRawIdWidget

from articles.forms import MarkdownEditor
from articles.models import Image

from .models import LiveUpdate
from .services import MAX_HEADLINE_CHARS, update_problems


class UpdateForm(forms.Form):
    body = forms.CharField(
        label="Update",
        strip=False,
        widget=MarkdownEditor(attrs={"rows": 6, "cols": 80, "class": "nr-live-body"}),
        help_text="Markdown, as in articles: a blank line starts a paragraph.",
    )
    headline = forms.CharField(
        label="Headline (optional)",
        required=False,
        max_length=MAX_HEADLINE_CHARS,
        widget=forms.TextInput(attrs={"size": 60}),
    )
    image = forms.ModelChoiceField(
        label="Picture from the library (optional)",
        queryset=Image.objects.all(),
        required=False,
        widget=ForeignKeyRawIdWidget(LiveUpdate._meta.get_field("image").remote_field, admin.site),
        help_text="Its number in the library; the magnifier opens the library to pick one.",
    )
    embed_url = forms.URLField(
        label="Embed (optional)",
        required=False,
        assume_scheme="https",
        max_length=500,
        help_text="A YouTube video or an X post; any other address shows as a link.",
    )
    is_key_point = forms.BooleanField(label="Key point", required=False)
    is_pinned = forms.BooleanField(label="Pin above the stream", required=False)
    is_correction = forms.BooleanField(
        label="This edit corrects a mistake (readers see “Corrected”)", required=False
    )

    def __init__(self, *args, can_pin=False, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_pin or editing:
            del self.fields["is_pinned"]  # pinning an update that exists is a button
        if not editing:
            del self.fields["is_correction"]

    def clean(self):
        data = super().clean()
        if "body" in data:
            for field, messages in update_problems(
                body=data["body"],
                headline=data.get("headline", ""),
                embed_url=data.get("embed_url", ""),
            ).items():
                for message in messages:
                    self.add_error(field, message)
        return data

    @classmethod
    def initial_from(cls, update):
        return {
            "body": update.body,
            "headline": update.headline,
            "image": update.image_id,
            "embed_url": update.embed_url,
            "is_key_point": update.is_key_point,
        }
