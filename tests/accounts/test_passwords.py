import re

import pytest
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


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
        {"old_password": "correct horse battery staple", "new_password1": "lanterns over the quay",
         "new_password2": "lanterns over the quay"},
    )  # fmt: skip
    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("lanterns over the quay")


def test_a_wrong_old_password_is_refused(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "guess", "new_password1": "lanterns over the quay",
         "new_password2": "lanterns over the quay"},
    )  # fmt: skip
    assert "Your old password was entered incorrectly" in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("correct horse battery staple")
