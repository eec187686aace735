"""The provider's tracking webhook (bounces, complaints, deliveries; handled in `tracking.py`),
answered only when the site can tell the provider from anyone else. A forged hard bounce
would cut a reader off for good, so: only the one provider the site uses has an address
(`/anymail/<provider>/tracking/`; every other is a 404, and no inbound webhook exists), and
only while its shared secret (basic auth, ANYMAIL_WEBHOOK_SECRET) and, for a provider that
signs its posts, its signing key are set. `manage.py check --deploy` fails without them."""

import re
from typing import NamedTuple

from anymail.utils import get_anymail_setting
from django.conf import settings
from django.core import checks
from django.http import Http404
from django.utils.module_loading import import_string
from django.views.decorators.csrf import csrf_exempt


class Provider(NamedTuple):
    view: str
    esp_name: str  # anymail's, which prefixes the provider's settings
    signing_keys: tuple = ()  # any one of them is the key its signature is checked with


PROVIDERS = {
    "amazon_ses": Provider("amazon_ses.AmazonSESTrackingWebhookView", "Amazon SES"),
    "brevo": Provider("brevo.BrevoTrackingWebhookView", "Brevo"),
    "mailersend": Provider(
        "mailersend.MailerSendTrackingWebhookView", "MailerSend", ("signing_secret",)
    ),
    "mailgun": Provider(
        "mailgun.MailgunTrackingWebhookView", "Mailgun", ("webhook_signing_key", "api_key")
    ),
    "mailjet": Provider("mailjet.MailjetTrackingWebhookView", "Mailjet"),
    "mailtrap": Provider("mailtrap.MailtrapTrackingWebhookView", "Mailtrap", ("tracking_secret",)),
    "mandrill": Provider("mandrill.MandrillCombinedWebhookView", "Mandrill", ("webhook_key",)),
    "postal": Provider("postal.PostalTrackingWebhookView", "Postal", ("webhook_key",)),
    "postmark": Provider("postmark.PostmarkTrackingWebhookView", "Postmark"),
    "resend": Provider("resend.ResendTrackingWebhookView", "Resend", ("signing_secret",)),
    "sendgrid": Provider(
        "sendgrid.SendGridTrackingWebhookView", "SendGrid", ("tracking_webhook_verification_key",)
    ),
    "sendinblue": Provider("sendinblue.SendinBlueTrackingWebhookView", "SendinBlue"),
    "sparkpost": Provider("sparkpost.SparkPostTrackingWebhookView", "SparkPost"),
    "unisender_go": Provider(
        "unisender_go.UnisenderGoTrackingWebhookView", "Unisender Go", ("api_key",)
    ),
}
OFF = {"", "off", "none", "0"}


def provider_name():
    """NEWSLETTERS_WEBHOOK_PROVIDER, or with "auto" (the default) the anymail backend the site
    sends with (DJANGO_EMAIL_BACKEND); "" when it sends by SMTP or turned the webhook off."""
    name = getattr(settings, "NEWSLETTERS_WEBHOOK_PROVIDER", "auto").strip().lower()
    if name == "auto":
        found = re.fullmatch(r"anymail\.backends\.(\w+)\.EmailBackend", settings.EMAIL_BACKEND)
        return found[1] if found and found[1] in PROVIDERS else ""
    return "" if name in OFF else name


def setting(name, esp_name=None):
    return get_anymail_setting(name, esp_name=esp_name, default=None, allow_bare=True)


def missing(name):
    """The settings the provider's webhook still needs, as environment variables."""
    provider = PROVIDERS[name]
    needed = [] if setting("webhook_secret") else ["ANYMAIL_WEBHOOK_SECRET"]
    keys = provider.signing_keys
    if keys and not any(setting(key, provider.esp_name) for key in keys):
        prefix = "ANYMAIL_" + provider.esp_name.upper().replace(" ", "_")
        needed.append(" or ".join(f"{prefix}_{key.upper()}" for key in keys))
    return needed


@csrf_exempt  # the provider posts with no session; basic auth and its signature are checked
def tracking(request, provider):
    if provider != provider_name() or provider not in PROVIDERS or missing(provider):
        raise Http404("No tracking webhook here.")
    view = import_string(f"anymail.webhooks.{PROVIDERS[provider].view}")
    return view.as_view()(request)


def check_webhook(app_configs, **kwargs):
    name = provider_name()
    if not name:
        return []
    if name not in PROVIDERS:
        known = ", ".join(sorted(PROVIDERS))
        message = f"NEWSLETTERS_WEBHOOK_PROVIDER is {name!r}, which has no tracking webhook"
        return [checks.Error(message, hint=f"One of: {known}, or off.", id="newsletters.E001")]
    needed = missing(name)
    if needed:
        message = (
            f"The {name} tracking webhook is on without {' and '.join(needed)}: anyone "
            "could post bounces and cut readers off, so it answers 404 until they are set"
        )
        hint = "Set them (docs/newsletters.md), or NEWSLETTERS_WEBHOOK_PROVIDER=off."
        return [checks.Error(message, hint=hint, id="newsletters.E002")]
    return []
