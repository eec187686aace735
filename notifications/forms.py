from django import forms

from . import kinds


class PreferencesForm(forms.Form):
    """Two boxes a kind: in the admin, by e-mail. Fields are named `<kind>_admin` and
    `<kind>_email`; `rows` pairs them for the template's table."""

    def __init__(self, *args, initial_choices, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.KINDS.values():
            in_admin, by_email = initial_choices[kind.code]
            self.fields[f"{kind.code}_admin"] = forms.BooleanField(
                required=False, initial=in_admin, label=f"{kind.label}: in the admin"
            )
            self.fields[f"{kind.code}_email"] = forms.BooleanField(
                required=False, initial=by_email, label=f"{kind.label}: by e-mail"
            )

    def rows(self):
        return [
            (kind, self[f"{kind.code}_admin"], self[f"{kind.code}_email"])
            for kind in kinds.KINDS.values()
        ]

    def choices(self):
        data = self.cleaned_data
        return {code: (data[f"{code}_admin"], data[f"{code}_email"]) for code in kinds.KINDS}
