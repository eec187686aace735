"""The privacy note, and deleting a subscription."""

import pytest
from django.core.cache import cache

from newsletters import mail, tokens
from newsletters.models import Delivery, Kind, Send, Subscriber, Suppression
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_privacy_note_says_what_is_kept_and_that_nothing_is_tracked(client, settings):
    page = client.get("/newsletters/privacy/").content.decode()
    assert "Our mail has no open or click tracking" in page
    assert "Your email address" in page and "Bounces and complaints" in page
    assert 'href="/newsletters/privacy/"' in client.get("/newsletters/subscribe/").content.decode()

    settings.NEWSLETTERS_TRACKING = True  # the page cache keeps a page until it expires
    cache.clear()
    page = client.get("/newsletters/privacy/").content.decode()
    assert "This newsroom has turned on open and click tracking" in page


def test_every_mail_links_to_the_privacy_note(published_article, make_readers):
    (reader,) = make_readers(1)
    send = Send(kind=Kind.ALERT, subject="Breaking", article=published_article)
    message = mail.for_send(send, reader)
    assert "Privacy: http://testserver/newsletters/privacy/" in message.body


def test_a_reader_deletes_the_subscription_and_what_was_sent_but_not_a_suppression(
    client, make_readers, published_article
):
    (reader,) = make_readers(1)
    send = Send.objects.create(kind=Kind.ALERT, subject="Breaking", article=published_article)
    Delivery.objects.create(send=send, subscriber=reader, email=reader.email, status="sent")
    Suppression.objects.create(email=reader.email, reason=Suppression.Reason.SOFT_BOUNCES)
    page = client.post(
        f"/newsletters/preferences/{tokens.preferences_token(reader)}/", {"forget": "1"}
    )
    assert "Your subscription is deleted" in page.content.decode()
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
    assert Suppression.objects.filter(email=reader.email).exists()


def test_deleting_an_account_deletes_its_subscription(client):
    user = UserFactory()
    client.force_login(user)
    client.get("/newsletters/preferences/")
    assert Subscriber.objects.filter(user=user).exists()
    user.delete()
    assert not Subscriber.objects.exists()
