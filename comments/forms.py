from django import forms

from . import conf


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        # Length is checked by the service, with a message that says how long it is.
        strip=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A honeypot: hidden from people by CSS and aria, filled in by bots that fill everything.
    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "body"
        ].help_text = (
            f"Plain text. Web addresses become links. At most {conf.max_length()} characters."
        )

    def is_bot(self):
        return bool(self.cleaned_data.get("website"))


class CommentEditForm(forms.Form):
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 6}))
