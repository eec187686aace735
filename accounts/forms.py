from django import forms
from django.contrib.auth.forms import UserCreationForm

from newsroom.uploads import clean_image_upload

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


def photo_field():
    # A plain file field: newsroom/uploads.py checks the content, with a message people
    # understand (Django's ImageField would answer first, in its own words).
    return forms.FileField(
        label="Photo",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=User._meta.get_field("avatar").help_text,
    )


def clean_photo(form):
    """A new photo is checked and re-encoded like every upload; an unchanged one is kept."""
    upload = form.cleaned_data.get("avatar")
    if upload and "avatar" in form.changed_data:
        return clean_image_upload(upload)
    return upload


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "bio", "avatar", "notify_on_reply"]
        help_texts = {
            "display_name": "The name shown on your comments.",
            "bio": "A few words about you. Plain text.",
        }

    avatar = photo_field()
    clean_avatar = clean_photo


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
