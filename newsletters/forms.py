from django import forms

from .models import Kind


class SubscribeForm(forms.Form):
    email = forms.EmailField(label="Your email address", max_length=254)
    follow = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)


class PreferencesForm(forms.Form):
    KINDS = ["wants_digest", "wants_alerts", "wants_newsletters"]

    wants_digest = forms.BooleanField(label=Kind.DIGEST.label, required=False)
    wants_alerts = forms.BooleanField(label=Kind.ALERT.label, required=False)
    wants_newsletters = forms.BooleanField(label=Kind.NEWSLETTER.label, required=False)
    stop = forms.MultipleChoiceField(
        label="Stop following",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": "You no longer follow one of those (changed elsewhere?). "
            "Here is the list as it is now: check your choices and save again."
        },
    )

    def __init__(self, *args, followed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop"].choices = list(followed)
