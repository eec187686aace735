"""Bounces and complaints come back through anymail's tracking webhooks and stop mail to the
address. The payloads are the providers' own (Postmark and Brevo, in the shapes of their
documentation and of anymail's test suite), posted to the real webhook addresses."""

import base64
import json

import pytest

from newsletters import services, tasks
from newsletters.models import Delivery, Send, Suppression

SECRET = "hooks:s3cret-for-tests"


@pytest.fixture(autouse=True)
def webhook_secret(settings):
    settings.ANYMAIL = {"WEBHOOK_SECRET": SECRET}
    settings.NEWSLETTERS_WEBHOOK_PROVIDER = "postmark"


def post(client, provider, payload, secret=SECRET):
    auth = "Basic " + base64.b64encode(secret.encode()).decode()
    return client.post(
        f"/anymail/{provider}/tracking/",
        json.dumps(payload),
        content_type="application/json",
        HTTP_AUTHORIZATION=auth,
    )


def postmark_bounce(email, message_id="", kind="HardBounce"):
    return {
        "RecordType": "Bounce",
        "ID": 4323372036,
        "Type": kind,
        "TypeCode": {"HardBounce": 1, "SoftBounce": 4096}[kind],
        "Name": "Hard bounce" if kind == "HardBounce" else "Soft bounce/Undeliverable",
        "MessageID": message_id or "883953f4-6105-42a2-a16a-77a8eac79483",
        "ServerID": 23,
        "MessageStream": "broadcast",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "newsroom@localhost",
        "BouncedAt": "2026-03-10T07:12:03.0000000-04:00",
        "DumpAvailable": True,
        "Inactive": kind == "HardBounce",
        "CanActivate": True,
        "Subject": "Breaking",
    }


def postmark_complaint(email, message_id=""):
    return {
        "RecordType": "SpamComplaint",
        "ID": 4323372037,
        "Type": "SpamComplaint",
        "TypeCode": 512,
        "Name": "Spam complaint",
        "MessageID": message_id or "2706ee8a-737c-4285-b032-ccd317af53ed",
        "ServerID": 23,
        "MessageStream": "broadcast",
        "Description": "The subscriber explicitly marked this message as spam.",
        "Details": "Feedback loop report",
        "Email": email,
        "From": "newsroom@localhost",
        "BouncedAt": "2026-03-10T08:01:44.0000000-04:00",
        "DumpAvailable": True,
        "Inactive": True,
        "CanActivate": False,
        "Subject": "Breaking",
    }


def postmark_delivered(email):
    return {
        "RecordType": "Delivery",
        "ServerID": 23,
        "MessageStream": "broadcast",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79484",
        "Recipient": email,
        "DeliveredAt": "2026-03-11T07:00:10.2735393-04:00",
        "Details": "Test delivery webhook details",
    }


def brevo(event, email, message_id="<202603100712.51093837@smtp-relay.mailin.fr>"):
    return {
        "event": event,
        "email": email,
        "id": 1044562,
        "date": "2026-03-10 07:12:03",
        "ts": 1773126723,
        "message-id": message_id,
        "ts_event": 1773126723,
        "subject": "Breaking",
        "tag": "",
        "sending_ip": "185.41.28.109",
        "ts_epoch": 1773126723000,
        "reason": f"550 5.1.1 <{email}>: Recipient address rejected",
    }


def alert_to(make_readers, category, article, n=2, prefix="reader"):
    readers = make_readers(n, category, prefix=prefix)
    send, _ = services.alert_create(article=article, category=category)
    tasks.send_batch.call(send.pk)
    return readers, send


def test_a_postmark_hard_bounce_suppresses_the_address_and_marks_what_bounced(
    client, inbox, category, published_article, make_readers
):
    (bouncing, fine), send = alert_to(make_readers, category, published_article)
    message_id = inbox.to(bouncing.email)[0]["Message-ID"].strip("<>")

    response = post(client, "postmark", postmark_bounce(bouncing.email, message_id))
    assert response.status_code == 200
    suppressed = Suppression.objects.get(email=bouncing.email)
    assert suppressed.reason == Suppression.Reason.HARD_BOUNCE
    assert "550 5.1.1" in suppressed.detail and suppressed.detail.startswith("Postmark")
    assert Delivery.objects.get(email=bouncing.email).status == Delivery.Status.BOUNCED
    assert services.send_stats(send)["bounced"] == 1

    inbox.messages.clear()
    Send.objects.update(created_at="2026-01-01T00:00Z")  # not a repeat of the same alert
    services.alert_create(article=published_article)
    tasks.send_batch.call(Send.objects.order_by("-pk").first().pk)
    assert [m["To"] for m in inbox.messages] == [fine.email]


def test_a_postmark_spam_complaint_stops_all_mail_to_the_address(
    client, inbox, category, published_article, make_readers, django_capture_on_commit_callbacks
):
    (complaining, _), _ = alert_to(make_readers, category, published_article)
    assert post(client, "postmark", postmark_complaint(complaining.email)).status_code == 200
    assert Suppression.objects.get(email=complaining.email).reason == "complaint"
    inbox.messages.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/newsletters/subscribe/", {"email": complaining.email})
        client.post("/newsletters/subscribe/", {"email": "someone.else@example.com"})
    assert [m["To"] for m in inbox.messages] == ["someone.else@example.com"], "no link to it"


def test_brevo_bounces_and_complaints_suppress_in_the_same_way(client, settings, make_readers):
    settings.NEWSLETTERS_WEBHOOK_PROVIDER = "brevo"
    hard, complaining, soft = make_readers(3)
    assert post(client, "brevo", brevo("hard_bounce", hard.email)).status_code == 200
    assert post(client, "brevo", brevo("spam", complaining.email)).status_code == 200
    assert post(client, "brevo", brevo("soft_bounce", soft.email)).status_code == 200
    reasons = dict(Suppression.objects.values_list("email", "reason"))
    assert reasons == {hard.email: "bounce", complaining.email: "complaint"}
    soft.refresh_from_db()
    assert soft.soft_bounces == 1


def test_soft_bounces_suppress_only_when_they_repeat_with_no_delivery_between(
    client, settings, make_readers
):
    settings.NEWSLETTERS_SOFT_BOUNCE_LIMIT = 3
    (reader,) = make_readers(1)
    for _ in range(2):
        post(client, "postmark", postmark_bounce(reader.email, kind="SoftBounce"))
    assert not Suppression.objects.exists(), "a full mailbox is not a dead address"
    post(client, "postmark", postmark_delivered(reader.email))  # the mailbox was emptied
    for _ in range(2):
        post(client, "postmark", postmark_bounce(reader.email, kind="SoftBounce"))
    assert not Suppression.objects.exists()
    post(client, "postmark", postmark_bounce(reader.email, kind="SoftBounce"))
    assert Suppression.objects.get(email=reader.email).reason == Suppression.Reason.SOFT_BOUNCES


def test_a_webhook_post_without_the_shared_secret_changes_nothing(client, make_readers):
    (reader,) = make_readers(1)
    response = post(client, "postmark", postmark_bounce(reader.email), secret="hooks:guess")
    assert response.status_code in (400, 401, 403)
    assert not Suppression.objects.exists()


def test_editors_see_suppressed_addresses_and_why(client, make_readers):
    from tests import people

    (reader,) = make_readers(1)
    post(client, "postmark", postmark_complaint(reader.email))
    client.force_login(people.editor(username="sofia"))
    page = client.get("/admin/newsletters/suppression/").content.decode()
    assert reader.email in page and "Spam complaint" in page
