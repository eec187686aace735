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


CONFIRM = {"password": GOOD["password1"]}


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
    response = client.post(link, {"next": back, "password": GOOD["password1"]})
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
    assert client.post(link, CONFIRM).status_code == 302
    client.logout()
    again = client.post(link, CONFIRM)
    assert again.status_code == 400
    assert b"already been used" in again.content


def test_a_tampered_confirmation_link_is_refused(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    link = link_in(mailoutbox[0]).rstrip("/") + "x/"
    assert client.post(link, CONFIRM).status_code == 400
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


def test_signing_up_again_before_confirming_replaces_the_unconfirmed_account(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    again = {**GOOD, "username": "second"}
    again["password1"] = again["password2"] = "another quiet harbour"
    client.post(reverse("accounts:signup"), again)
    assert list(User.objects.values_list("username", flat=True)) == ["second"]
    first_link, second_link = link_in(mailoutbox[0]), link_in(mailoutbox[1])
    assert client.post(first_link, CONFIRM).status_code == 400  # the old link is dead
    assert client.post(second_link, {"password": "another quiet harbour"}).status_code == 302
    assert User.objects.get(username="second").is_active


SECRET = "the attackers own secret"


def test_a_stranger_who_signed_up_first_with_my_address_cannot_hand_me_their_account(
    mailoutbox,
):
    attacker, victim = Client(), Client()
    attacker.post(
        reverse("accounts:signup"),
        {**GOOD, "username": "jane.doe", "password1": SECRET, "password2": SECRET},
    )
    victim.post(reverse("accounts:signup"), {**GOOD, "username": "janed"})
    assert list(User.objects.values_list("username", flat=True)) == ["janed"]
    victims_link = link_in(mailoutbox[-1])
    assert "janed" in mailoutbox[-1].body
    assert victim.post(victims_link, CONFIRM).status_code == 302
    assert victim.get(reverse("accounts:profile")).context["user"].username == "janed"
    # The attacker's link and password open nothing.
    assert attacker.post(link_in(mailoutbox[0]), CONFIRM).status_code == 400
    assert not attacker.login(username="jane.doe", password=SECRET)


def test_a_link_for_an_account_someone_else_made_with_my_address_asks_for_their_password(
    mailoutbox,
):
    Client().post(reverse("accounts:signup"), GOOD)  # made by a stranger, in my name
    me = Client()
    response = me.post(link_in(mailoutbox[0]), {"password": "what I would have chosen"})
    assert response.status_code == 400
    assert "That is not the password chosen when signing up." in response.content.decode()
    assert not User.objects.get(username="newreader").is_active
    assert "_auth_user_id" not in me.session


def test_signing_up_again_may_keep_the_username_of_the_unconfirmed_account(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    response = client.post(reverse("accounts:signup"), GOOD)
    assert response.status_code == 302
    assert User.objects.filter(username="newreader").count() == 1
    assert client.post(link_in(mailoutbox[1]), CONFIRM).status_code == 302


def test_an_unconfirmed_username_stays_taken_for_another_address(client):
    client.post(reverse("accounts:signup"), GOOD)
    response = client.post(reverse("accounts:signup"), {**GOOD, "email": "other@example.com"})
    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()


def test_an_inactive_staff_account_is_never_replaced_by_a_sign_up(client, mailoutbox):
    UserFactory(username="writer", email="new@example.com", is_staff=True, is_active=False)
    client.post(reverse("accounts:signup"), GOOD)
    assert list(User.objects.values_list("username", flat=True)) == ["writer"]
    assert "Someone tried to sign up" in mailoutbox[0].body


def test_confirming_counts_wrong_passwords_as_failed_logins(client, mailoutbox):
    client.post(reverse("accounts:signup"), GOOD)
    link = link_in(mailoutbox[0])
    for _ in range(4):
        assert client.post(link, {"password": "guess"}).status_code == 400
    assert client.post(link, {"password": "guess"}).status_code == 429
    assert client.post(link, CONFIRM).status_code == 429
    assert not User.objects.get(username="newreader").is_active


def test_a_taken_username_may_say_so_because_usernames_are_public(client):
    UserFactory(username="newreader")
    response = client.post(reverse("accounts:signup"), GOOD)
    assert response.status_code == 400
    assert "A user with that username already exists." in response.content.decode()


def test_the_signup_page_carries_next_through_to_the_login_link(client):
    html = client.get(reverse("accounts:signup") + "?next=/articles/x/%23comments").content
    assert b'name="next" value="/articles/x/#comments"' in html
    assert b"?next=/articles/x/%23comments" in html


def test_signing_up_from_an_articles_link_shows_check_your_email_on_the_article(
    client, published_article, mailoutbox
):
    back = f"{published_article.get_absolute_url()}#comments"
    response = client.post(reverse("accounts:signup"), {**GOOD, "next": back}, follow=True)
    html = response.content.decode()
    assert response.redirect_chain == [(back, 302)]
    assert CHECK_EMAIL.format(email="new@example.com") in html
    # Shown where the reader lands, in the comments area, and once.
    comments_area = html.split('id="comments"')[1]
    assert CHECK_EMAIL.format(email="new@example.com") in comments_area
    assert html.count("Almost done") == 1


def test_the_check_your_email_message_shows_only_once(client, published_article, mailoutbox):
    back = published_article.get_absolute_url()
    client.post(reverse("accounts:signup"), {**GOOD, "next": back}, follow=True)
    again = client.get(back).content.decode()
    assert "Almost done" not in again
