import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from accounts.models import User
from accounts.views import CHECK_EMAIL
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "username": "newreader",
    "display_name": "New Reader",
    "email": "new@example.com",
    "password1": "a quiet harbour at dawn",
    "password2": "a quiet harbour at dawn",
}


def link_in(message):
    return next(line for line in message.body.splitlines() if "/signup/confirm/" in line)


def test_a_visitor_signs_up_confirms_by_email_and_goes_back_where_they_were(
    client, mailoutbox, published_article
):
    back = f"{published_article.get_absolute_url()}#comments"
    response = client.post(reverse("accounts:signup"), {**GOOD, "next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    user = User.objects.get(username="newreader")
    assert (user.display_name, user.email, user.is_active) == (
        "New Reader",
        "new@example.com",
        False,
    )
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    [message] = mailoutbox
    assert message.to == ["new@example.com"]
    link = link_in(message)

    page = client.get(link)
    assert page.status_code == 200
    assert b"Confirm and log in" in page.content
    response = client.post(link, {"next": back})
    assert response.status_code == 302
    assert response["Location"] == back
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_opening_the_link_without_pressing_the_button_activates_nothing(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    client.get(link_in(mailoutbox[0]))  # what a mail scanner does
    assert not User.objects.get(username="newreader").is_active


def test_a_confirmation_link_works_once(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    link = link_in(mailoutbox[0])
    assert client.post(link).status_code == 302
    client.logout()
    again = client.post(link)
    assert again.status_code == 400
    assert b"already been used" in again.content


def test_a_tampered_confirmation_link_is_refused(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    link = link_in(mailoutbox[0]).rstrip("/") + "x/"
    assert client.post(link).status_code == 400
    assert not User.objects.get(username="newreader").is_active


def test_a_weak_password_is_refused_with_djangos_validators_and_the_form_kept(client):
    response = client.post(
        reverse("accounts:signup"), {**GOOD, "password1": "12345678", "password2": "12345678"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "This password is too common." in html
    assert 'value="newreader"' in html and 'value="new@example.com"' in html
    assert not User.objects.filter(username="newreader").exists()


def test_an_email_already_in_use_gets_the_same_answer_and_no_second_account(client, mailoutbox):
    owner = UserFactory(username="owner", email="new@example.com")
    taken = client.post(reverse("accounts:signup"), {**GOOD, "email": "NEW@example.com"})
    fresh = Client().post(
        reverse("accounts:signup"), {**GOOD, "username": "other", "email": "free@example.com"}
    )
    assert (taken.status_code, taken["Location"]) == (fresh.status_code, fresh["Location"])
    shown = [str(m) for m in get_messages(taken.wsgi_request)]
    assert shown == [CHECK_EMAIL.format(email="NEW@example.com")]
    assert not User.objects.filter(username="newreader").exists()
    assert User.objects.filter(email__iexact="new@example.com").count() == 1

    notice = next(m for m in mailoutbox if m.to == [owner.email])
    assert "Someone tried to sign up" in notice.body
    assert reverse("password_reset") in notice.body
    assert "/signup/confirm/" not in notice.body


def test_signing_up_again_before_confirming_resends_the_first_accounts_link(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    client.post(reverse("accounts:signup"), {**GOOD, "username": "second"})
    assert not User.objects.filter(username="second").exists()
    assert [m.to for m in mailoutbox] == [["new@example.com"], ["new@example.com"]]
    assert client.post(link_in(mailoutbox[1])).status_code == 302
    assert User.objects.get(username="newreader").is_active


def test_a_taken_username_may_say_so_because_usernames_are_public(client):
    UserFactory(username="newreader")
    response = client.post(reverse("accounts:signup"), GOOD)
    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()


def test_the_signup_page_carries_next_through_to_the_login_link(client):
    html = client.get(reverse("accounts:signup") + "?next=/articles/x/%23comments").content
    assert b'name="next" value="/articles/x/#comments"' in html
    assert b"?next=/articles/x/%23comments" in html
