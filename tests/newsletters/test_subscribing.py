"""Subscribing by address: double opt-in with a link that expires, rate limits per address
and per IP, and the same answer whether or not the address is known."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsletters import tokens
from newsletters.models import Subscriber, Suppression

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    def post(email, ip="203.0.113.7", **data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/newsletters/subscribe/", {"email": email, **data}, REMOTE_ADDR=ip)

    return post


def page_text(response):
    """What the reader reads, without the per-request CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def confirm_link(message):
    return re.search(r"/newsletters/confirm/\S+/", message.get_body(("plain",)).get_content())[0]


def test_the_answer_is_the_same_for_a_new_a_subscribed_and_a_suppressed_address(
    subscribe, inbox, make_readers
):
    (known,) = make_readers(1, prefix="known")
    Suppression.objects.create(email="gone@example.com", reason=Suppression.Reason.COMPLAINT)
    answers = [subscribe(email) for email in ["new@example.com", known.email, "gone@example.com"]]
    assert {response.status_code for response in answers} == {200}
    assert len({page_text(response) for response in answers}) == 1
    assert "Check your inbox" in page_text(answers[0])
    # Mail goes only where it may: never to an address that complained (a bounced one gets
    # the link, which lifts the bounce: test_webhook_security.py).
    assert sorted(m["To"] for m in inbox.messages) == sorted([known.email, "new@example.com"])


def test_an_address_gets_three_links_an_hour_whoever_asks_known_or_not(
    subscribe, inbox, make_readers, clock_standing_still
):
    (known,) = make_readers(1, prefix="known")
    for email in [known.email, "stranger@example.com"]:
        for i in range(3):
            assert subscribe(email, ip=f"198.51.100.{i}").status_code == 200
        refused = subscribe(email, ip="198.51.100.99")
        assert refused.status_code == 429
        assert "Too many requests. Please try again in an hour." in page_text(refused)
        assert f'value="{email}"' in page_text(refused), "the address typed is kept"
    assert len(inbox.messages) == 6

    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert subscribe("stranger@example.com", ip="198.51.100.99").status_code == 200


def test_one_ip_gets_twenty_requests_an_hour_for_any_addresses(
    subscribe, inbox, clock_standing_still
):
    for i in range(20):
        assert subscribe(f"person{i}@example.com").status_code == 200
    refused = subscribe("person20@example.com")
    assert refused.status_code == 429
    assert subscribe("person20@example.com", ip="192.0.2.1").status_code == 200
    assert len(inbox.messages) == 21


def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(subscribe, inbox):
    response = subscribe("not an address")
    assert response.status_code == 200
    assert "Enter a valid email address." in page_text(response)
    assert 'value="not an address"' in page_text(response)
    assert not inbox.messages


def test_the_confirm_link_works_for_the_confirm_window_and_then_expires(
    client, settings, subscribe, inbox, category
):
    settings.NEWSLETTERS_CONFIRM_DAYS = 3
    subscribe("late@example.com", follow=f"category:{category.pk}")
    subscribe("prompt@example.com")
    late, prompt = (
        confirm_link(inbox.to(e)[0]) for e in ["late@example.com", "prompt@example.com"]
    )

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=-5)):
        assert b"Confirm your subscription" in client.get(prompt).content
        client.post(prompt)
    assert Subscriber.objects.get(email="prompt@example.com").confirmed_at

    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=5)):
        expired = client.get(late)
        assert expired.status_code == 400
        assert "This link no longer works" in expired.content.decode()
        assert client.post(late).status_code == 400
    assert not Subscriber.objects.filter(email="late@example.com").exists()


def test_a_changed_confirm_link_does_not_subscribe_anyone(client):
    token = tokens.confirm_token("victim@example.com")
    forged = tokens.confirm_token("attacker@example.com")[:-4] + token[-4:]
    assert client.post(f"/newsletters/confirm/{forged}/").status_code == 400
    assert not Subscriber.objects.exists()
