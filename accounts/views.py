from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from shared.client_address import client_ip

from .forms import AccountDeleteForm, ProfileForm, SignUpConfirmForm, SignUpForm
from .models import User
from .redirects import safe_next
from .services import (
    signup_tokens,
    user_activate,
    user_delete,
    user_log_out_elsewhere,
    user_sign_up,
    user_update_profile,
)

# Every sign-up attempt counts per address of the sender, valid or not: the form says when a
# username is taken (usernames are public), so without a limit it would answer that question
# for any number of names. Sign-ups that send email also count per mailbox, so no one can use
# the form to flood an inbox; a refused form sends nothing and leaves the mailbox's count alone.
ATTEMPT_LIMIT = ("ip", "20/h")
EMAIL_LIMIT = ("email", "3/h")
TOO_MANY_SIGNUPS = "Too many sign-ups from here just now. Please try again in an hour."
TYPED = ("username", "display_name", "email")

CHECK_EMAIL = (
    "Almost done: we have sent a link to {email}. Open it to finish signing up. "
    "Nothing there? Check your spam folder, or sign up again."
)


@sensitive_post_parameters("password1", "password2")
def signup(request):
    next_url = safe_next(request, "")
    if request.user.is_authenticated:
        return redirect(next_url or "accounts:profile")
    form = SignUpForm(request.POST or None)
    # Checked before the form is: a refused attempt learns nothing about the username.
    if request.method == "POST" and signup_limited(request, ATTEMPT_LIMIT):
        return signup_refused(request, next_url)
    if request.method == "POST" and form.is_valid():
        if signup_limited(request, EMAIL_LIMIT):
            return signup_refused(request, next_url)
        # The same answer whether or not the address already has an account.
        user_sign_up(request=request, form=form, next_url=next_url)
        messages.info(request, CHECK_EMAIL.format(email=form.cleaned_data["email"]))
        return redirect(next_url or reverse("articles:home"))
    status = 400 if form.is_bound else 200
    return render(
        request, "registration/signup.html", {"form": form, "next": next_url}, status=status
    )


def signup_refused(request, next_url):
    # What was typed stays (not the passwords), unvalidated: validation would answer too.
    form = SignUpForm(initial={name: request.POST.get(name, "") for name in TYPED})
    context = {"form": form, "next": next_url, "refused": TOO_MANY_SIGNUPS}
    return render(request, "registration/signup.html", context, status=429)


def signup_limited(request, limit):
    name, rate = limit
    keys = {
        "ip": lambda group, request: client_ip(request),
        "email": lambda group, request: request.POST.get("email", "").strip().casefold(),
    }
    return is_ratelimited(
        request, group=f"signup-{name}", key=keys[name], rate=rate, method="POST", increment=True
    )


def _pending_user(uidb64, token):
    try:
        user = User.objects.get(pk=force_str(urlsafe_base64_decode(uidb64)), is_active=False)
    except (TypeError, ValueError, OverflowError, User.DoesNotExist):
        return None
    return user if signup_tokens.check_token(user, token) else None


@sensitive_post_parameters("password")
def activate(request, uidb64, token):
    """GET shows the form, POST confirms: mail scanners that open links activate nothing.

    The password chosen at sign-up is asked for, so a link that reaches someone who did not
    choose it (a sign-up made in their name) cannot log them into that account.
    """
    next_url = safe_next(request, "")
    user = _pending_user(uidb64, token)
    if user is None:
        context = {"valid": False}
        return render(request, "registration/signup_confirm.html", context, status=400)
    form = SignUpConfirmForm(request, user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_activate(request=request, user=user)
        messages.success(request, "Welcome! Your account is ready.")
        return redirect(next_url or reverse("articles:home"))
    context = {"valid": True, "pending": user, "next": next_url, "form": form}
    status = 400 if form.is_bound else 200
    return render(request, "registration/signup_confirm.html", context, status=status)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(form=form)
        messages.success(request, "Your profile is saved.")
        return redirect("accounts:profile")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


@login_required
@require_POST
def log_out_elsewhere(request):
    """The profile's "Log out everywhere else" (WordPress's "Log Out Everywhere Else")."""
    user_log_out_elsewhere(request=request, user=request.user)
    messages.success(
        request,
        "You are logged out everywhere else: any other browser or device must log in again. "
        "You stay logged in here.",
    )
    return redirect("accounts:profile")


@login_required
@sensitive_post_parameters("password")
def delete_account(request):
    form = AccountDeleteForm(request, request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user_delete(request=request, user=request.user)
        messages.success(
            request, "Your account is deleted. Your comments now show as “deleted user”."
        )
        return redirect("articles:home")
    status = 400 if form.is_bound else 200
    return render(request, "accounts/account_confirm_delete.html", {"form": form}, status=status)
