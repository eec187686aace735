import re

from newsletters import services, tasks
from newsletters.models import Delivery, Kind, Send, Subscriber
from tests import smtp


def test_a_new_address_is_mailed_an_opt_in_link_and_subscribes_only_once_it_is_followed(
    client, inbox, category, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/newsletters/subscribe/",
            {"email": "new@example.com", "follow": f"category:{category.pk}"},
        )
    assert b"Check your inbox" in response.content
    assert not Subscriber.objects.exists()
    (message,) = inbox.to("new@example.com")
    link = re.search(
        r"http://\S+/newsletters/confirm/\S+/", message.get_body(("plain",)).get_content()
    )[0]
    client.post(link.replace("http://testserver", ""))
    reader = Subscriber.objects.get()
    assert reader.confirmed_at and list(reader.categories.all()) == [category]


def test_an_alert_reaches_the_sections_followers_with_one_click_unsubscribe_headers(
    client, inbox, category, published_article, make_readers
):
    followers = make_readers(3, category)
    make_readers(2, prefix="other")  # follow nothing in that section
    send, _ = services.alert_create(article=published_article, category=category)
    tasks.send_batch.call(send.pk)
    assert sorted(m["To"] for m in inbox.messages) == sorted(r.email for r in followers)
    message = inbox.messages[0]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip().strip("<>").replace("http://testserver", "")
    assert published_article.headline in message.get_body(("html",)).get_content()
    assert 'style="' in message.get_body(("html",)).get_content(), "CSS is inlined"

    # As a mailbox provider posts it (RFC 8058): no session, no CSRF token, this body.
    def one_click(address):
        body = "List-Unsubscribe=One-Click"
        return client.post(address, body, content_type="application/x-www-form-urlencoded")

    assert one_click(url[:-3] + "xx/").status_code == 400, "a forged signature"
    assert one_click(url).status_code == 200
    reader = Subscriber.objects.get(email=message["To"])
    assert not reader.wants_alerts and reader.wants_digest


def test_a_send_cut_off_when_the_mail_server_goes_away_resumes_with_no_duplicate_and_no_gap(
    settings, category, published_article, make_readers
):
    settings.NEWSLETTERS_BATCH_SIZE = 10
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    everyone = make_readers(25, category)
    controller, first = smtp.start()
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    send = Send.objects.create(kind=Kind.ALERT, subject="Breaking", article=published_article)

    handed = tasks.hand_over  # the server stops after 15 messages: a restart mid-send

    def cut_off(send_):
        if len(first.messages) >= 10:
            controller.stop()
        return handed(send_)

    tasks.hand_over = cut_off
    try:
        tasks.send_batch.call(send.pk)
    except Exception:
        pass
    finally:
        tasks.hand_over = handed
    assert 0 < len(first.messages) < 25

    controller2, second = smtp.start(port=controller.port)
    try:
        tasks.send_batch.call(send.pk)  # what the retry runs
    finally:
        controller2.stop()
    received = [m["To"] for m in first.messages + second.messages]
    assert sorted(received) == sorted(r.email for r in everyone)
    assert Delivery.objects.filter(status="sent").count() == 25
