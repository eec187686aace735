from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.files.storage import default_storage
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from shared import site_address
from shared.cache import content_changed
from shared.keys import SITE
from shared.mail_headers import header_text

from .models import User


class SignUpTokenGenerator(PasswordResetTokenGenerator):
    """Links that confirm a sign-up: they stop working once the account is active."""

    key_salt = "accounts.services.SignUpTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{user.password}{timestamp}"


signup_tokens = SignUpTokenGenerator()


def user_sign_up(*, request, form, next_url=""):
    """Start a sign-up from a valid SignUpForm; the answer never says if the email is in use.

    A new address gets an inactive account and a link to confirm it. An address that an
    account in use already has gets no second one: its owner is told someone tried. An
    address whose only accounts were never confirmed gets the new one in their place (new
    username, new password; the old links die with the old rows), so an account is only
    ever confirmed by whoever chose its password last. Either way the person signing up is
    told to check their email. Returns the new account, or None.
    """
    email = form.cleaned_data["email"]
    holders = list(User.objects.filter(email__iexact=email).order_by("pk"))
    owner = next((user for user in holders if not user.is_pending_signup), None)
    if owner is not None:
        # Hash the password anyway, as a new account would: the answer must not come back
        # measurably faster for an address that is in use.
        User().set_password(form.cleaned_data["password1"])
        _send(request, owner, "signup_existing_email", next_url=next_url)
        return None
    with transaction.atomic():
        User.objects.filter(pk__in=[user.pk for user in holders]).delete()
        user = form.save(commit=False)
        user.is_active = False
        user.save()
    _send(request, user, "signup_activation_email", next_url=next_url)
    return user


def user_activate(*, request, user):
    """Confirm the address of a new account and log its owner in."""
    user.is_active = True
    user.save(update_fields=["is_active"])
    login(request, user, backend="accounts.backends.ReaderBackend")
    return user


def activation_url(request, user, next_url=""):
    path = reverse(
        "accounts:activate",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": signup_tokens.make_token(user),
        },
    )
    if next_url:
        path += "?" + urlencode({"next": next_url})
    return site_address.absolute_url(path)


def _send(request, user, template, *, next_url):
    # Rendered with the request, so the site's name comes from the site context processor
    # (the site identity editors set in the admin), as on every page.
    context = {
        "user": user,
        "login_url": site_address.absolute_url(reverse("login")),
        "password_reset_url": site_address.absolute_url(reverse("password_reset")),
    }
    if template == "signup_activation_email":
        context["activation_url"] = activation_url(request, user, next_url)
    subject = render_to_string(f"registration/{template}_subject.txt", context, request=request)
    body = render_to_string(f"registration/{template}.txt", context, request=request)
    send_mail(header_text(subject), body, None, [user.email])


def user_delete(*, request, user):
    """Delete the account; what other apps keep of it (comments) shows as "deleted user"."""
    logout(request)
    with transaction.atomic():
        had_public_traces = user.articles.exists() or user.comments.exists()
        user.delete()
        # Rare: their name leaves bylines and comment threads across the site.
        if had_public_traces:
            content_changed(SITE)


def user_log_out_elsewhere(*, request, user):
    """End every session of `user` but this request's.

    Done by rotating the session auth hash (`User.sessions_epoch`, as a password change
    does), not by deleting the other sessions: the session table has no user column (the
    user id is inside each row's encoded data), so finding one person's sessions means
    decoding every session of every reader, a scan that grows with the audience, and a
    session kept only in the cache would still be missed. With the hash, one UPDATE ends
    them all, on every app server: at its next request Django finds the hash changed,
    flushes that session (row and cache entry) and treats it as logged out; sessions that
    never come back are dead until `clearsessions` removes them. The save marks only the
    person's own key (accounts/receivers.py), so their kept account is read again."""
    user.sessions_epoch = F("sessions_epoch") + 1
    user.save(update_fields=["sessions_epoch"])
    user.refresh_from_db(fields=["sessions_epoch"])
    update_session_auth_hash(request, user)  # this session stays, under a new key


def user_update_profile(*, form):
    """Save a valid ProfileForm; a new public name or photo shows on cached pages at once.
    A replaced or removed photo is deleted: its owner took it down."""
    old_photo = form.initial.get("avatar")
    user = form.save()
    if "avatar" in form.changed_data and old_photo:
        default_storage.delete(old_photo.name)
    # Rare: bylines and author pages across the site show the name, bio and photo.
    if {"display_name", "bio", "avatar"} & set(form.changed_data) and user.articles.exists():
        content_changed(SITE)
    return user
