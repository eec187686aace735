"""A stranger cannot learn whether an email address has an account here: sign-up,
password reset and login answer alike for known and unknown addresses and accounts."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def answer(response):
    """What the person at the keyboard sees: status, destination, flash messages, page."""
    return (
        response.status_code,
        response.get("Location"),
        [str(m) for m in get_messages(response.wsgi_request)],
    )


def test_signup_answers_alike_for_a_known_and_an_unknown_email():
    UserFactory(username="owner", email="known@example.com")
    data = {
        "display_name": "",
        "password1": "a quiet harbour at dawn",
        "password2": "a quiet harbour at dawn",
    }
    known = Client().post(
        reverse("accounts:signup"), {**data, "username": "a1", "email": "known@example.com"}
    )
    unknown = Client().post(
        reverse("accounts:signup"), {**data, "username": "a2", "email": "nobody@example.com"}
    )
    # The message repeats the address typed; apart from that, the answers are identical.
    as_typed = {known: "known@example.com", unknown: "nobody@example.com"}
    seen = [
        (status, location, [m.replace(as_typed[r], "EMAIL") for m in shown])
        for r in (known, unknown)
        for status, location, shown in [answer(r)]
    ]
    assert seen[0] == seen[1]
    assert seen[0][:2] == (302, reverse("articles:home"))


def test_password_reset_answers_alike_for_a_known_and_an_unknown_email(mailoutbox):
    UserFactory(email="known@example.com")
    known = Client().post(reverse("password_reset"), {"email": "known@example.com"})
    unknown = Client().post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert answer(known) == answer(unknown)
    assert [m.to for m in mailoutbox] == [["known@example.com"]]


def test_login_says_the_same_for_an_unknown_user_and_a_wrong_password(client):
    UserFactory(username="reader")
    unknown = client.post(reverse("login"), {"username": "nobody", "password": "wrong"})
    wrong = client.post(reverse("login"), {"username": "reader", "password": "wrong"})
    assert unknown.status_code == wrong.status_code == 200
    assert unknown.context["form"].non_field_errors() == wrong.context["form"].non_field_errors()


def test_signup_answers_alike_for_an_unconfirmed_and_an_unknown_email(mailoutbox):
    password = "a quiet harbour at dawn"
    data = {"display_name": "", "password1": password, "password2": password}
    Client().post(reverse("accounts:signup"), {**data, "username": "a0", "email": "p@example.com"})
    pending = Client().post(
        reverse("accounts:signup"), {**data, "username": "a1", "email": "p@example.com"}
    )
    unknown = Client().post(
        reverse("accounts:signup"), {**data, "username": "a2", "email": "q@example.com"}
    )
    as_typed = {pending: "p@example.com", unknown: "q@example.com"}
    seen = [
        (status, location, [m.replace(as_typed[r], "EMAIL") for m in shown])
        for r in (pending, unknown)
        for status, location, shown in [answer(r)]
    ]
    assert seen[0] == seen[1]
    # Both got a confirmation link of their own, none a "someone tried" notice.
    assert [m.subject for m in mailoutbox[1:]] == [mailoutbox[0].subject] * 2
