import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import SESSION_KEY
from django.http import Http404
from django.test import Client, RequestFactory
from django.urls import reverse

from newsroom import views
from shared.storage import GeneratedName
from tests import factories

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"


# The production environment of docs/operations.md: HTTPS terminated by a proxy.
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "p" * 30 + "-production-like-secret-" + "q" * 30,
    "DJANGO_ALLOWED_HOSTS": "news.example.com",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://news.example.com",
    "DJANGO_HTTPS": "1",
    "DJANGO_TRUSTED_PROXY_HOPS": "1",
    "DJANGO_MEDIA_URL": "https://media.news.example.com/",
    "NEWSROOM_SITE_URL": "https://news.example.com",
}


def run_manage(*args, env, tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    clean.update(env, DJANGO_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="newsroom.settings")
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_deploy_check_reports_nothing_with_the_documented_production_environment(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "DEBUG", env=PRODUCTION_ENV, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_trust_the_proxy_for_https_and_deny_framing(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_PROXY_SSL_HEADER, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.X_FRAME_OPTIONS, "
        "s.SECURE_REFERRER_POLICY); "
        "print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    result = run_manage("shell", "-c", code, env=PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    *_, headers, images = result.stdout.strip().splitlines()
    assert images == "[\"'self'\", 'data:', 'https://media.news.example.com']"
    assert headers.split() == [
        "('HTTP_X_FORWARDED_PROTO',",
        "'https')",
        "True",
        "31536000",
        "True",
        "True",
        "DENY",
        "strict-origin-when-cross-origin",
    ]


@pytest.mark.django_db
def test_a_request_for_an_unknown_host_is_refused_with_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400


@pytest.mark.django_db
def test_pages_carry_the_hardening_headers(client):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_a_body_over_the_ceiling_is_refused_before_it_is_read(client, settings):
    settings.MAX_REQUEST_BYTES = 1000
    response = client.post(reverse("login"), {"username": "x" * 2000, "password": "y"})
    assert response.status_code == 413
    assert "too large" in response.content.decode()


@pytest.mark.django_db
def test_too_many_form_fields_are_refused_with_400(client):
    fields = {f"field{n}": "x" for n in range(1100)}
    response = client.post(reverse("login"), fields)
    assert response.status_code == 400


@pytest.mark.django_db
def test_form_fields_over_the_memory_limit_are_refused_with_400(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = client.post(reverse("login"), {"username": "x" * 5000, "password": "y"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_the_session_key_changes_at_login(client):
    user = factories.UserFactory()
    client.get(reverse("login"))
    session = client.session
    session["visited"] = True
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    assert str(client.session[SESSION_KEY]) == str(user.pk)


@pytest.mark.django_db
def test_a_password_change_logs_out_the_users_other_sessions_and_keeps_this_one():
    user = factories.UserFactory()
    here, elsewhere = Client(), Client()
    for browser in (here, elsewhere):
        response = browser.post(reverse("login"), {"username": user.username, "password": PASSWORD})
        assert response.status_code == 302
    assert elsewhere.get(reverse("password_change")).status_code == 200

    response = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a brand new passphrase 42",
            "new_password2": "a brand new passphrase 42",
        },
    )
    assert response.status_code == 302

    assert here.get(reverse("password_change")).status_code == 200
    response = elsewhere.get(reverse("password_change"))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_uploads_are_stored_under_generated_names_whatever_the_uploader_called_them():
    upload_to = GeneratedName("images")
    first = upload_to(None, "../../Secret Source Photo.JPEG")
    second = upload_to(None, "../../Secret Source Photo.JPEG")
    assert first != second
    assert first.startswith("images/") and first.endswith(".jpg")
    assert "Secret" not in first and ".." not in first
    assert not upload_to(None, "page.html").endswith(".html")


@pytest.fixture
def media_file(media_root):
    def write(name, content):
        path = media_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return name

    return write


def serve_media(name, media_root):
    request = RequestFactory().get(f"/media/{name}")
    return views.media(request, name, document_root=media_root)


def test_local_media_serves_pictures_with_their_type_and_nosniff(media_file, media_root):
    name = media_file("images/a.png", b"\x89PNG\r\n\x1a\n" + b"0" * 20)
    response = serve_media(name, media_root)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize("name", ["images/page.html", "images/drawing.svg", "images/x.js", "a"])
def test_local_media_never_serves_anything_but_pictures(name, media_file, media_root):
    media_file(name, b"<script>alert(1)</script>")
    with pytest.raises(Http404):
        serve_media(name, media_root)


def test_a_picture_that_is_secretly_html_is_still_served_as_a_picture(media_file, media_root):
    name = media_file("images/evil.jpg", b"<html><script>alert(1)</script></html>")
    response = serve_media(name, media_root)
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
