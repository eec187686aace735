import io
import json
import logging
from unittest import mock

import pytest
from django.db import OperationalError
from django.http import HttpResponse
from django.urls import reverse

from newsroom.middleware import RequestLogMiddleware
from shared.logging import JSONFormatter, RequestContextFilter, TextFormatter
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


@pytest.fixture
def log_output():
    """What the console handler would write, in JSON and in text, for every logger."""
    streams = {"json": io.StringIO(), "text": io.StringIO()}
    handlers = []
    for name, formatter in (("json", JSONFormatter()), ("text", TextFormatter())):
        handler = logging.StreamHandler(streams[name])
        handler.setFormatter(formatter)
        handler.addFilter(RequestContextFilter())
        handler.setLevel(logging.DEBUG)
        handlers.append(handler)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    for handler in handlers:
        root.addHandler(handler)
    yield streams
    for handler in handlers:
        root.removeHandler(handler)
    root.setLevel(old_level)


def request_lines(streams):
    entries = [json.loads(line) for line in streams["json"].getvalue().splitlines()]
    return [entry for entry in entries if entry["logger"] == "newsroom.request"]


def test_each_request_logs_one_line_with_id_method_path_status_and_duration(client, log_output):
    response = client.get(reverse("healthz"))
    [line] = request_lines(log_output)
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["method"] == "GET"
    assert line["path"] == "/healthz"
    assert line["status"] == 200
    assert isinstance(line["duration_ms"], float)
    assert f"[{line['request_id']}] GET /healthz 200" in log_output["text"].getvalue()


def test_a_sane_incoming_request_id_is_kept_and_echoed(client, log_output):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID="lb-7f3a9c2e-0001")
    assert response["X-Request-ID"] == "lb-7f3a9c2e-0001"
    assert request_lines(log_output)[0]["request_id"] == "lb-7f3a9c2e-0001"


@pytest.mark.parametrize(
    "bad",
    ["short", "x" * 200, "id with spaces", "id\r\nSet-Cookie: a=b", "lb-7f3a9c2e-0001\n"],
)
def test_an_odd_incoming_request_id_is_replaced(client, bad, log_output):
    response = client.get(reverse("healthz"), HTTP_X_REQUEST_ID=bad)
    assert response["X-Request-ID"] != bad
    assert len(response["X-Request-ID"]) == 32


def test_errors_carry_the_request_id_of_their_request(client, log_output):
    client.raise_request_exception = False
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("connection refused")
        response = client.get(reverse("articles:home"))
    entries = [json.loads(line) for line in log_output["json"].getvalue().splitlines()]
    [outage] = [e for e in entries if e["logger"] == "newsroom.database"]
    assert outage["request_id"] == response["X-Request-ID"]
    assert outage["path"] == "/"
    assert "connection refused" in outage["message"]


def test_unhandled_errors_are_logged_with_their_traceback_and_request_id(rf, log_output):
    def broken_view(request):
        logging.getLogger("django.request").error("boom", exc_info=ZeroDivisionError("x"))
        return HttpResponse(status=500)

    response = RequestLogMiddleware(broken_view)(rf.get("/broken/"))
    entries = [json.loads(line) for line in log_output["json"].getvalue().splitlines()]
    [error] = [e for e in entries if e["logger"] == "django.request"]
    assert error["request_id"] == response["X-Request-ID"]
    assert "ZeroDivisionError" in error["exception"]
    assert request_lines(log_output)[0]["level"] == "ERROR"


def test_passwords_cookies_authorization_and_reset_tokens_never_reach_the_log(client, log_output):
    user = factories.UserFactory(username="amara")
    secret_password = "Pa55-word-that-must-not-leak"
    client.cookies["sessionid"] = "cookie-value-that-must-not-leak"
    client.post(
        reverse("login") + "?next=/&token=query-token-that-must-not-leak",
        {"username": "amara", "password": secret_password},
        HTTP_AUTHORIZATION="Bearer authorization-that-must-not-leak",
    )
    client.post(
        reverse("admin:login"),
        {"username": "amara", "password": secret_password},
        HTTP_COOKIE="csrftoken=csrf-cookie-that-must-not-leak",
    )
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    client.get("/accounts/reset/MQ/reset-token-that-must-not-leak/")
    output = log_output["json"].getvalue() + log_output["text"].getvalue()
    assert "/accounts/reset/MQ/[redacted]/" in output
    for secret in [
        secret_password,
        PASSWORD,
        "cookie-value",
        "authorization-that",
        "csrf-cookie",
        "query-token",
        "reset-token",
        "sessionid",
    ]:
        assert secret not in output


def test_djangos_own_error_line_after_the_response_carries_the_request_id(client, log_output):
    client.raise_request_exception = False
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor") as cursor:
        cursor.side_effect = OperationalError("connection refused")
        response = client.get(reverse("readyz"))
    entries = [json.loads(line) for line in log_output["json"].getvalue().splitlines()]
    [django_line] = [e for e in entries if e["logger"] == "django.request"]
    assert django_line["request_id"] == response["X-Request-ID"]


def test_page_cache_hits_are_logged_one_in_the_sample_and_built_pages_every_time(
    client, published_article, log_output, settings
):
    settings.REQUEST_LOG_SAMPLE = 3
    url = published_article.get_absolute_url()

    answers = [client.get(url) for _ in range(7)]

    lines = request_lines(log_output)
    assert [answer["X-Cache"] for answer in answers] == ["miss"] + ["hit"] * 6
    assert [line.get("sampled") for line in lines] == [None, 3, 3]
    assert lines[0]["request_id"] == answers[0]["X-Request-ID"]
    assert lines[1]["request_id"] == answers[3]["X-Request-ID"]
    assert "(1 of 3 alike)" in log_output["text"].getvalue()


@pytest.mark.parametrize("sent", ["lb-7f3a9c2e-0001\n", "lb-7f3a9c2e-0001\r\nSet-Cookie: a=b"])
def test_no_incoming_request_id_puts_a_line_break_in_what_the_server_is_handed(sent, db):
    """The id is stored as the header it is, without Django's check for line breaks: only a
    plain id may be echoed."""
    from tests.served import served

    status, headers, _ = served(reverse("healthz"), HTTP_X_REQUEST_ID=sent)

    assert status == "200 OK"
    echoed = dict(headers)["X-Request-ID"]
    assert len(echoed) == 32 and echoed.isalnum()
    assert not any("\n" in value or "\r" in value for _, value in headers)
