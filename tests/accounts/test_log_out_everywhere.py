"""'Log out everywhere else' on the account page: every other session of the person ends at
its next request, this one stays, and nothing a reader sees is made stale."""

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.test import Client, override_settings
from django.urls import reverse

from shared.cache import content_version
from tests import people
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")
END_OTHERS = reverse("accounts:log_out_elsewhere")


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_a_reader_logs_out_everywhere_else_and_stays_logged_in_here():
    reader = UserFactory(username="dana")
    laptop, phone = logged_in(reader), logged_in(reader)
    assert "Log out everywhere else" in laptop.get(PROFILE).content.decode()
    assert "Staff API tokens" not in laptop.get(PROFILE).content.decode(), "staff only"
    before = content_version()

    answer = laptop.post(END_OTHERS, follow=True)

    assert "You are logged out everywhere else" in answer.content.decode()
    assert "Logged in as <strong>dana</strong>" in laptop.get(PROFILE).content.decode()
    gone = phone.get(PROFILE)
    assert gone.status_code == 302 and gone["Location"].startswith(reverse("login"))
    assert phone.get(PROFILE).status_code == 302, "still out on the next request"
    assert content_version() == before


def test_a_writer_with_bylines_ends_their_other_admin_sessions_and_no_page_goes_stale():
    writer = people.writer(username="wren", display_name="Wren Writer")
    ArticleFactory(published=True, authors=[writer])
    desk, home = logged_in(writer), logged_in(writer)
    assert 'href="/accounts/profile/">Your account</a>' in desk.get("/admin/").content.decode()
    before = content_version()

    page = " ".join(desk.get(PROFILE).content.decode().split())
    assert "Staff API tokens are not sessions: an integration's token keeps working" in page
    desk.post(END_OTHERS)

    assert desk.get("/admin/").status_code == 200
    assert home.get("/admin/").status_code == 302
    assert content_version() == before


def test_only_a_post_from_someone_logged_in_ends_sessions():
    reader = UserFactory()
    other = logged_in(reader)
    assert logged_in(reader).get(END_OTHERS).status_code == 405
    assert Client().post(END_OTHERS).status_code == 302  # to the login page
    assert other.get(PROFILE).status_code == 200


def test_sessions_from_before_the_feature_keep_their_hash():
    """Until someone uses the button their hash is Django's own: nobody is logged out by
    the field's arrival, and the secret-key fallbacks still apply."""
    reader = UserFactory()
    djangos = AbstractBaseUser._get_session_auth_hash
    assert reader.get_session_auth_hash() == djangos(reader)
    reader.sessions_epoch = 1
    assert reader.get_session_auth_hash() != djangos(reader)


@override_settings(SECRET_KEY="new-secret-key-of-enough-length-0123456789", SECRET_KEY_FALLBACKS=[])
def test_a_session_from_before_a_secret_key_rotation_is_also_ended():
    reader = UserFactory()
    with override_settings(SECRET_KEY="old-secret-key-of-enough-length-0123456789"):
        phone = logged_in(reader)
    laptop = logged_in(reader)
    with override_settings(SECRET_KEY_FALLBACKS=["old-secret-key-of-enough-length-0123456789"]):
        assert phone.get(PROFILE).status_code == 200, "kept through the fallback"
        laptop.post(END_OTHERS)
        assert phone.get(PROFILE).status_code == 302
        assert laptop.get(PROFILE).status_code == 200
