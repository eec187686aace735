"""Django's own auth views, with what this site adds to them.

- The site's name comes from its identity (the site context processor), never from the
  request's host, which is what Django's views and reset e-mail would otherwise show.
- Password-reset e-mails are limited per address and per mailbox, and wrong old passwords
  count as failed logins (accounts/forms.py).
- `next` goes through accounts.redirects.safe_next, which never points back into these pages.
"""

from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited

from shared.client_address import client_ip

from .forms import SiteNamedPasswordResetForm, ThrottledPasswordChangeForm
from .redirects import safe_next

# Each reset sends an email: enough for a forgetful reader, too few to flood an inbox.
RESET_LIMITS = [("ip", "10/h"), ("email", "3/h")]
TOO_MANY_RESETS = "Too many reset requests just now. Please try again in an hour."


class IdentityNamedMixin:
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Django puts the request's host here as "the site"; the context processor knows better.
        context.pop("site", None)
        context.pop("site_name", None)
        return context


class LoginView(IdentityNamedMixin, auth_views.LoginView):
    def get_redirect_url(self):
        return safe_next(self.request, "")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = SiteNamedPasswordResetForm

    def post(self, request, *args, **kwargs):
        if reset_limited(request):
            context = self.get_context_data(form=self.get_form(), refused=TOO_MANY_RESETS)
            return render(request, self.template_name, context, status=429)
        return super().post(request, *args, **kwargs)


def reset_limited(request):
    # Counted for every request, whatever the address: the answer depends only on what was
    # asked, never on whether an account uses the address.
    keys = {
        "ip": lambda group, request: client_ip(request),
        "email": lambda group, request: request.POST.get("email", "").strip().casefold(),
    }
    limited = [
        is_ratelimited(
            request, group=f"reset-{name}", key=keys[name], rate=rate, method="POST", increment=True
        )
        for name, rate in RESET_LIMITS
    ]
    return any(limited)


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = ThrottledPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
