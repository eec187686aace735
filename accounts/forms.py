from django import forms
from django.contrib.auth.forms import UserCreationForm

from .models import User


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For password resets and reply notifications. Never shown to anyone."
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email"]
        help_texts = {"display_name": "The name shown on your comments. Optional."}

    def clean_email(self):
        # Whether the address is already in use is never said here: the form would tell a
        # stranger who has an account. accounts.services.user_sign_up handles that case.
        return User.objects.normalize_email(self.cleaned_data["email"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio", "notify_on_reply"]
        help_texts = {
            "display_name": "The name shown on your comments.",
            "bio": "A few words about you. Plain text.",
        }


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That is not your password.")
        return self.cleaned_data["password"]
