import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock_standing_still")]


def test_a_reset_email_arrives_and_its_link_sets_a_new_password(client, mailoutbox):
    user = UserFactory(username="forgetful", email="forgetful@example.com")
    response = client.post(reverse("password_reset"), {"email": "forgetful@example.com"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == 1
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    response = client.post(
        form_url,
        {"new_password1": "lanterns over the quay", "new_password2": "lanterns over the quay"},
    )
    assert response["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("lanterns over the quay")


def test_a_reset_for_an_unknown_email_looks_exactly_like_a_known_one(client, mailoutbox):
    UserFactory(email="known@example.com")
    known = client.post(reverse("password_reset"), {"email": "known@example.com"}, follow=True)
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"}, follow=True)
    assert known.redirect_chain == unknown.redirect_chain
    assert known.content == unknown.content
    assert "If an account uses that address" in unknown.content.decode()
    assert len(mailoutbox) == 1


def test_a_logged_in_reader_changes_their_password(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "lanterns over the quay",
            "new_password2": "lanterns over the quay",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("lanterns over the quay")


def test_a_wrong_old_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "guess",
            "new_password1": "lanterns over the quay",
            "new_password2": "lanterns over the quay",
        },
    )
    assert "Your old password was entered incorrectly" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")


def page_text(response):
    # The CSRF token differs on every page; what the reader sees is the rest.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_burst_of_reset_requests_sends_at_most_three_emails_to_one_address(client, mailoutbox):
    UserFactory(email="forgetful@example.com")
    answers = [
        client.post(reverse("password_reset"), {"email": "Forgetful@example.com"}).status_code
        for _ in range(20)
    ]
    assert answers == [302] * 3 + [429] * 17
    assert len(mailoutbox) == 3


def test_a_refused_reset_says_why_and_alike_for_known_and_unknown_addresses(client):
    UserFactory(email="known@example.com")
    for address in ("known@example.com", "nobody@example.com"):
        for _ in range(3):
            client.post(reverse("password_reset"), {"email": address})
    known = client.post(reverse("password_reset"), {"email": "known@example.com"})
    unknown = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 429
    assert "Too many reset requests just now" in known.content.decode()
    assert page_text(known).replace("known", "X") == page_text(unknown).replace("nobody", "X")


def test_one_address_of_a_sender_may_ask_for_ten_resets_an_hour(client, mailoutbox):
    for number in range(10):
        UserFactory(email=f"reader{number}@example.com")
        assert client.post(reverse("password_reset"), {"email": f"reader{number}@example.com"})
    late = client.post(reverse("password_reset"), {"email": "reader0@example.com"})
    assert late.status_code == 429
    assert len(mailoutbox) == 10


NEW = "lanterns over the quay"


def change_password(client, old):
    return client.post(
        reverse("password_change"),
        {"old_password": old, "new_password1": NEW, "new_password2": NEW},
    )


def test_wrong_old_passwords_count_as_failed_logins_and_lock_out(client):
    user = UserFactory(username="hijacked")
    client.force_login(user)  # a session left open on a shared computer
    for _ in range(4):
        assert change_password(client, "guess").status_code == 200
    assert change_password(client, "guess").status_code == 429
    assert change_password(client, "correct horse battery staple").status_code == 429
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")
    login = Client().post(
        reverse("login"), {"username": "hijacked", "password": "correct horse battery staple"}
    )
    assert login.status_code == 429


def test_the_attempt_records_keep_none_of_the_typed_passwords(client):
    client.force_login(UserFactory())
    change_password(client, "Hunter2-secret-guess")
    record = AccessAttempt.objects.get()
    assert "Hunter2-secret-guess" not in record.post_data
    assert "lanterns over the quay" not in record.post_data


def test_wrong_passwords_on_account_deletion_count_as_failed_logins(client):
    user = UserFactory()
    client.force_login(user)
    for _ in range(4):
        assert client.post(reverse("accounts:delete"), {"password": "guess"}).status_code == 400
    assert client.post(reverse("accounts:delete"), {"password": "guess"}).status_code == 429
    right = client.post(reverse("accounts:delete"), {"password": "correct horse battery staple"})
    assert right.status_code == 429
    assert User.objects.filter(pk=user.pk).exists()
