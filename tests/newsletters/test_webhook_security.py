"""A forged bounce must not cut a reader off. The tracking webhook answers only for
the provider the site sends with, only with its shared secret (and signing key, for a
provider that signs) set, and `check --deploy` fails while one is missing. A suppression
from a bounce is lifted by the reader's own confirmed re-subscription or by an editor."""

import re

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from newsletters.models import Subscriber, Suppression
from tests import people
from tests.newsletters.test_tracking import SECRET, post, postmark_bounce

POSTMARK = "anymail.backends.postmark.EmailBackend"


@pytest.fixture
def postmark_site(settings):
    """A site sending through Postmark, as production would, with no webhook setting."""
    settings.EMAIL_BACKEND = POSTMARK
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "server-token"}
    del settings.NEWSLETTERS_WEBHOOK_PROVIDER  # the default: "auto"
    return settings


def test_with_no_secret_an_anonymous_bounce_is_a_404_and_suppresses_nobody(
    client, postmark_site, make_readers
):
    (reader,) = make_readers(1)
    response = client.post(
        "/anymail/postmark/tracking/",
        postmark_bounce(reader.email),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not Suppression.objects.exists()


def test_with_a_secret_a_wrong_or_missing_password_is_refused(client, postmark_site, make_readers):
    postmark_site.ANYMAIL = {**postmark_site.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    (reader,) = make_readers(1)
    wrong = post(client, "postmark", postmark_bounce(reader.email), secret="hooks:guess")
    none = client.post(
        "/anymail/postmark/tracking/",
        postmark_bounce(reader.email),
        content_type="application/json",
    )
    assert wrong.status_code == 400 and none.status_code == 400
    assert not Suppression.objects.exists()


def test_with_the_right_credentials_the_bounce_suppresses_the_address(
    client, postmark_site, make_readers
):
    postmark_site.ANYMAIL = {**postmark_site.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    (reader,) = make_readers(1)
    assert post(client, "postmark", postmark_bounce(reader.email)).status_code == 200
    assert Suppression.objects.get(email=reader.email).reason == Suppression.Reason.HARD_BOUNCE


@pytest.mark.parametrize(
    "address",
    ["/anymail/brevo/tracking/", "/anymail/sendgrid/tracking/", "/anymail/nope/tracking/"],
)
def test_only_the_provider_the_site_uses_has_a_webhook(client, postmark_site, address, db):
    postmark_site.ANYMAIL = {**postmark_site.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    assert client.post(address, "{}", content_type="application/json").status_code == 404


@pytest.mark.parametrize("address", ["/anymail/postmark/inbound/", "/anymail/mandrill/"])
def test_no_inbound_webhook_is_mounted(client, postmark_site, address, db):
    postmark_site.ANYMAIL = {**postmark_site.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    assert client.get(address).status_code == 404
    # Only the static pages' catch-all address is left, which takes no POST.
    assert client.post(address, "{}", content_type="application/json").status_code == 405


def test_a_site_sending_by_smtp_answers_no_webhook_even_with_a_secret(client, settings, db):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    del settings.NEWSLETTERS_WEBHOOK_PROVIDER
    assert post(client, "postmark", postmark_bounce("a@example.com")).status_code == 404


def test_a_provider_that_signs_needs_its_signing_key_too(client, settings, db):
    settings.EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    del settings.NEWSLETTERS_WEBHOOK_PROVIDER
    assert post(client, "mailgun", {}).status_code == 404
    with pytest.raises(SystemCheckError, match="ANYMAIL_MAILGUN_WEBHOOK_SIGNING_KEY"):
        call_command("check", "--deploy", "--fail-level", "ERROR")
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET, "MAILGUN_WEBHOOK_SIGNING_KEY": "key"}
    assert post(client, "mailgun", {}).status_code == 400, "answered, and the signature checked"


def deploy_errors():
    try:
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])
    except SystemCheckError as error:
        return str(error)
    return ""


def test_the_deploy_check_fails_while_the_webhook_has_no_secret(postmark_site):
    errors = deploy_errors()
    assert "newsletters.E002" in errors and "ANYMAIL_WEBHOOK_SECRET" in errors
    postmark_site.ANYMAIL = {**postmark_site.ANYMAIL, "WEBHOOK_SECRET": SECRET}
    assert "newsletters.E00" not in deploy_errors()
    postmark_site.NEWSLETTERS_WEBHOOK_PROVIDER = "postmrak"
    assert "newsletters.E001" in deploy_errors(), "a misspelt provider is an error too"


def test_the_deploy_check_is_quiet_for_a_site_with_the_webhook_off(postmark_site):
    postmark_site.NEWSLETTERS_WEBHOOK_PROVIDER = "off"
    assert "newsletters.E00" not in deploy_errors()


def test_confirming_a_new_subscription_lifts_a_bounce_suppression(
    client, inbox, make_readers, django_capture_on_commit_callbacks
):
    (reader,) = make_readers(1, soft_bounces=2)
    Suppression.objects.create(email=reader.email, reason=Suppression.Reason.HARD_BOUNCE)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/subscribe/", {"email": reader.email})
    (message,) = inbox.to(reader.email)
    link = re.search(r"/newsletters/confirm/\S+/", message.get_body(("plain",)).get_content())[0]
    assert Suppression.objects.filter(email=reader.email).exists(), "not before the click"

    response = client.post(link)
    assert "You are subscribed" in response.content.decode()
    assert not Suppression.objects.filter(email=reader.email).exists()
    assert Subscriber.objects.get(email=reader.email).soft_bounces == 0
    assert Subscriber.objects.reachable().filter(email=reader.email).exists()


def test_an_editor_lifts_a_suppression_from_the_admin(client, make_readers):
    lifted, kept = make_readers(2)
    for reader in (lifted, kept):
        Suppression.objects.create(email=reader.email, reason=Suppression.Reason.HARD_BOUNCE)
    client.force_login(people.editor(username="sofia"))
    page = client.get("/admin/newsletters/suppression/").content.decode()
    assert "Lift: mail these addresses again" in page
    assert 'value="delete_selected"' not in page

    response = client.post(
        "/admin/newsletters/suppression/",
        {
            "action": "lift",
            "_selected_action": [Suppression.objects.get(email=lifted.email).pk],
        },
        follow=True,
    )
    assert "Lifted 1 suppression: mail goes again." in response.content.decode()
    assert list(Suppression.objects.values_list("email", flat=True)) == [kept.email]
    assert Subscriber.objects.reachable().filter(email=lifted.email).exists()


def test_the_documented_production_settings_with_postmark_and_no_secret_fail_the_deploy_check(
    tmp_path,
):
    from tests.newsroom.test_security import PRODUCTION_ENV, run_manage

    env = {
        **PRODUCTION_ENV,
        "DJANGO_EMAIL_BACKEND": POSTMARK,
        "ANYMAIL_POSTMARK_SERVER_TOKEN": "server-token",
        "ANYMAIL_WEBHOOK_SECRET": "",
    }
    result = run_manage("check", "--deploy", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "newsletters.E002" in result.stderr and "ANYMAIL_WEBHOOK_SECRET" in result.stderr

    env["ANYMAIL_WEBHOOK_SECRET"] = "postmark:" + "s" * 32
    result = run_manage("check", "--deploy", "--fail-level", "DEBUG", env=env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
