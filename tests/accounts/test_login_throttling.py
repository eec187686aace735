import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests import factories

PASSWORD = "correct horse battery staple"
pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return factories.UserFactory(username="amara")


def attempt(client, username, password="wrong password", url=None, **headers):
    return client.post(
        url or reverse("login"), {"username": username, "password": password}, **headers
    )


def test_a_wrong_password_is_an_ordinary_form_error_below_the_limit(client, user):
    response = attempt(client, "amara")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().failures_since_start == 1


def test_the_fifth_failure_locks_the_username_out_with_a_clear_429_page(client, user):
    for _ in range(4):
        assert attempt(client, "amara").status_code == 200
    response = attempt(client, "amara")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert response["Retry-After"] == "900"


def test_a_locked_out_user_cannot_log_in_even_with_the_right_password(client, user):
    for _ in range(5):
        attempt(client, "amara")
    response = attempt(client, "amara", PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_username_is_counted_across_addresses(client, user):
    for number in range(5):
        response = attempt(client, "amara", REMOTE_ADDR=f"203.0.113.{number}")
    assert response.status_code == 429


def test_an_address_is_counted_across_usernames(client, user):
    for number in range(4):
        assert attempt(client, f"someone{number}").status_code == 200
    assert attempt(client, "someone4").status_code == 429
    assert attempt(client, "amara", PASSWORD).status_code == 429


def test_case_and_full_width_variants_of_a_username_count_as_one(client, user):
    for name in ["amara", "Amara", "AMARA", "ａｍａｒａ"]:
        attempt(client, name, REMOTE_ADDR="198.51.100.1")
    response = attempt(client, "amara", REMOTE_ADDR="198.51.100.2")
    assert response.status_code == 429


def test_a_forged_x_forwarded_for_does_not_give_a_fresh_address(client, user):
    for number in range(5):
        response = attempt(client, f"someone{number}", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_a_trusted_proxy_the_address_it_saw_is_counted(client, user, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    attempt(client, "someone", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"


def test_the_lockout_ends_after_the_cool_off(client, user, time_machine):
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for _ in range(5):
        attempt(client, "amara")
    assert attempt(client, "amara", PASSWORD).status_code == 429
    time_machine.move_to("2026-01-01 12:16:00+00:00", tick=False)
    response = attempt(client, "amara", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_admin_login_is_throttled_too(client, user):
    url = reverse("admin:login")
    for _ in range(4):
        assert attempt(client, "amara", url=url).status_code == 200
    assert attempt(client, "amara", url=url).status_code == 429


def test_a_successful_login_starts_the_count_again(client, user):
    for _ in range(4):
        attempt(client, "amara")
    assert attempt(client, "amara", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert attempt(client, "amara").status_code == 200


def test_the_test_clients_login_still_works(client, user):
    assert client.login(username="amara", password=PASSWORD)


def test_the_attempt_record_keeps_no_password(client, user):
    attempt(client, "amara", "Hunter2-secret-guess")
    record = AccessAttempt.objects.get()
    assert "Hunter2-secret-guess" not in record.post_data + record.get_data


@pytest.fixture
def editor():
    return factories.UserFactory(username="sofia", is_staff=True)


def from_address(number):
    return {"REMOTE_ADDR": f"203.0.113.{number}"}


def test_failures_from_many_addresses_do_not_lock_an_editor_out(client, editor, time_machine):
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for number in range(5):
        assert attempt(client, "sofia", **from_address(number)).status_code == 200
    time_machine.move_to("2026-01-01 12:00:02+00:00", tick=False)
    response = attempt(client, "sofia", PASSWORD, REMOTE_ADDR="198.51.100.7")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_an_editors_account_is_still_throttled_per_address(client, editor, time_machine):
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for _ in range(5):
        attempt(client, "sofia", **from_address(1))
    time_machine.move_to("2026-01-01 12:05:00+00:00", tick=False)
    assert attempt(client, "sofia", PASSWORD, **from_address(1)).status_code == 429
    assert attempt(client, "sofia", PASSWORD, **from_address(2)).status_code == 302


def test_each_failure_past_the_limit_doubles_the_wait_for_an_editors_username(
    client, editor, time_machine
):
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for number in range(5):
        attempt(client, "sofia", **from_address(number))
    refused = attempt(client, "sofia", **from_address(10))
    assert (refused.status_code, refused["Retry-After"]) == (429, "1")
    assert "logging in is paused for 1 second." in refused.content.decode()
    time_machine.move_to("2026-01-01 12:00:01+00:00", tick=False)
    assert attempt(client, "sofia", **from_address(11)).status_code == 200  # a 6th failure
    refused = attempt(client, "sofia", PASSWORD, **from_address(12))
    assert (refused.status_code, refused["Retry-After"]) == (429, "2")
    time_machine.move_to("2026-01-01 12:00:03+00:00", tick=False)
    assert attempt(client, "sofia", PASSWORD, **from_address(12)).status_code == 302


def test_refused_attempts_do_not_make_an_editor_wait_longer(client, editor, time_machine):
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for number in range(5):
        attempt(client, "sofia", **from_address(number))
    for number in range(20, 40):
        assert attempt(client, "sofia", **from_address(number)).status_code == 429
    time_machine.move_to("2026-01-01 12:00:01+00:00", tick=False)
    assert attempt(client, "sofia", PASSWORD, **from_address(50)).status_code == 302


def test_an_editor_logs_in_at_once_from_an_address_they_used_before(client, editor, time_machine):
    time_machine.move_to("2026-01-01 09:00:00+00:00", tick=False)
    assert attempt(client, "sofia", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    client.logout()
    time_machine.move_to("2026-01-01 12:00:00+00:00", tick=False)
    for number in range(15):
        attempt(client, "sofia", **from_address(number))
    assert attempt(client, "sofia", PASSWORD, REMOTE_ADDR="198.51.100.8").status_code == 429
    assert attempt(client, "sofia", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302


def test_the_admin_login_gives_editors_the_same_delay_not_a_lockout(client, editor):
    url = reverse("admin:login")
    for number in range(5):
        attempt(client, "sofia", url=url, **from_address(number))
    refused = attempt(client, "sofia", PASSWORD, url=url, **from_address(9))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) <= 1
