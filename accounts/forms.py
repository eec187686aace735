from django import forms
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm, UserCreationForm
from django.core.mail import send_mail
from django.template.loader import render_to_string

from accounts.login_throttle import password_guess_failed, password_guess_refused
from shared import site_address
from shared.mail_headers import header_text
from shared.uploads import clean_image_upload

from .models import User

PAUSED = "Too many wrong passwords. Please wait a few minutes and try again."


class SignUpForm(UserCreationForm):
    email = forms.EmailField(
        help_text="For password resets and reply notifications. Never shown to anyone."
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email"]
        help_texts = {"display_name": "The name shown on your comments. Optional."}

    def clean_username(self):
        username = self.cleaned_data.get("username")
        if username and self.reclaims_username(username):
            return username
        return super().clean_username()

    def reclaims_username(self, username):
        # Signing up again before confirming (the email never came) may keep the username:
        # the unconfirmed account holding it, for the same address, is replaced.
        email = self.data.get("email", "").strip().casefold()
        holders = list(User.objects.filter(username__iexact=username))
        self.reclaimed = bool(holders) and all(
            user.is_pending_signup and user.email.casefold() == email for user in holders
        )
        return self.reclaimed

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if getattr(self, "reclaimed", False):
            exclude.add("username")
        return exclude

    def clean_email(self):
        # Whether the address is already in use is never said here: the form would tell a
        # stranger who has an account. accounts.services.user_sign_up handles that case.
        return User.objects.normalize_email(self.cleaned_data["email"])


def photo_field():
    # A plain file field: shared/uploads.py checks the content, with a message people
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


class ThrottledPasswordMixin:
    """Checks the account's password the way the login form does: every wrong guess counts
    towards the login lockout, so no other form becomes an unlimited password oracle."""

    wrong_password = "That is not your password."

    def check_account_password(self, password):
        username = self.user.get_username()
        if password_guess_refused(self.request, username):
            raise forms.ValidationError(PAUSED)
        if not self.user.check_password(password):
            password_guess_failed(self.request, username)
            raise forms.ValidationError(self.wrong_password)
        return password


class AccountPasswordForm(ThrottledPasswordMixin, forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request, user, *args, **kwargs):
        self.request, self.user = request, user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        return self.check_account_password(self.cleaned_data["password"])


class AccountDeleteForm(AccountPasswordForm):
    pass


class SignUpConfirmForm(AccountPasswordForm):
    """Whoever confirms a sign-up proves they chose its password: a link forwarded to, or
    sent on behalf of, someone else confirms nothing."""

    wrong_password = "That is not the password chosen when signing up."


class ThrottledPasswordChangeForm(ThrottledPasswordMixin, PasswordChangeForm):
    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        self.wrong_password = self.error_messages["password_incorrect"]
        return self.check_account_password(self.cleaned_data["old_password"])


class SiteNamedPasswordResetForm(PasswordResetForm):
    """Renders the reset e-mail with the request, so its site name is the site identity's
    (the site context processor), like every page's, and not the request's host; its link
    is on the site address (shared/site_address.py), whatever port the request named."""

    def save(self, *, request=None, **kwargs):
        self.request = request
        kwargs["domain_override"] = site_address.domain()
        kwargs["use_https"] = site_address.scheme() == "https"
        return super().save(request=request, **kwargs)

    def send_mail(self, subject_template, body_template, context, from_email, to_email, **kwargs):
        context.pop("site_name", None)
        subject = render_to_string(subject_template, context, request=self.request)
        body = render_to_string(body_template, context, request=self.request)
        send_mail(header_text(subject), body, from_email, [to_email])
