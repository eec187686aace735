"""Sign-up sends email, so it cannot be used to flood a mailbox or mass-create accounts."""

import pytest
from django.urls import reverse

from accounts.models import User
from accounts.views import TOO_MANY_SIGNUPS
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_standing_still")]


GOOD_FIELDS = {
    "display_name": "New Reader",
    "email": "someone@example.com",
    "password1": "a quiet harbour at dawn",
    "password2": "a quiet harbour at dawn",
}


def sign_up(client, number, email):
    data = {**GOOD_FIELDS, "username": f"newreader{number}", "email": email}
    return client.post(reverse("accounts:signup"), data)


def test_a_mailbox_gets_at_most_three_signup_emails_an_hour(client, mailoutbox):
    UserFactory(username="owner", email="owner@example.com")
    answers = [sign_up(client, n, "Owner@Example.com").status_code for n in range(5)]
    assert answers == [302, 302, 302, 429, 429]
    assert len(mailoutbox) == 3


def test_a_refused_signup_says_why_and_keeps_what_was_typed(client):
    for number in range(20):
        assert sign_up(client, number, f"reader{number}@example.com").status_code == 302
    response = sign_up(client, 99, "late@example.com")
    html = response.content.decode()
    assert response.status_code == 429
    assert TOO_MANY_SIGNUPS in html
    assert 'value="newreader99"' in html and 'value="late@example.com"' in html
    assert "a quiet harbour at dawn" not in html
    assert not User.objects.filter(username="newreader99").exists()


def test_refused_forms_count_too_so_usernames_cannot_be_tried_without_limit(client):
    UserFactory(username="sofia", is_staff=True)
    probe = {**GOOD_FIELDS, "username": "sofia"}
    answers = [client.post(reverse("accounts:signup"), probe) for _ in range(21)]
    assert [a.status_code for a in answers] == [400] * 20 + [429]
    assert "already exists" in answers[0].content.decode()
    assert "already exists" not in answers[-1].content.decode()
    assert TOO_MANY_SIGNUPS in answers[-1].content.decode()


def test_refused_forms_do_not_use_up_the_mailboxs_allowance(client):
    for number in range(5):
        data = {
            "username": f"typo{number}",
            "email": "typo@example.com",
            "password1": "a quiet harbour",
            "password2": "a different harbour",
        }
        assert client.post(reverse("accounts:signup"), data).status_code == 400
    assert sign_up(client, 1, "typo@example.com").status_code == 302
