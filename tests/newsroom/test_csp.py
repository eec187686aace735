import re
from pathlib import Path

import pytest
from django.urls import reverse

from tests import factories

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def policy(response):
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def assert_strict(response):
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_public_pages_forbid_inline_and_foreign_scripts(client, published_article):
    for url in [
        reverse("articles:home"),
        published_article.category.get_absolute_url(),
        published_article.get_absolute_url(),
        reverse("login"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.mark.django_db
def test_admin_pages_forbid_inline_scripts_too(client):
    client.force_login(factories.UserFactory(is_staff=True, is_superuser=True))
    for url in [
        reverse("admin:index"),
        reverse("admin:articles_article_add"),
        reverse("admin:articles_article_changelist"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response)


@pytest.mark.django_db
def test_the_admin_login_page_has_the_policy(client):
    assert_strict(client.get(reverse("admin:login")))


@pytest.mark.django_db
def test_error_pages_have_the_policy(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_strict(response)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
HANDLER_ATTRIBUTE = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)


@pytest.mark.parametrize(
    "template",
    # E-mails are not pages: mail clients need their styles inline, and no CSP applies.
    sorted(path for path in TEMPLATES.rglob("*.html") if "email" not in path.parent.parts),
    ids=lambda p: str(p.relative_to(TEMPLATES)),
)
def test_templates_use_nothing_inline_that_the_policy_would_block(template):
    html = template.read_text()
    assert not INLINE_SCRIPT.search(html), "inline <script>: move it to static/js/"
    assert "<style" not in html, "inline <style>: use static/css/"
    assert not STYLE_ATTRIBUTE.search(html), 'style="..." attribute: use a class'
    assert not HANDLER_ATTRIBUTE.search(html), "on...= handler: use addEventListener"


def directives_of(header):
    return sorted(part.strip() for part in header.split(";") if part.strip())


@pytest.mark.django_db
def test_the_policy_built_once_is_the_one_django_csp_builds_for_each_response(client):
    from csp.utils import build_policy

    response = client.get(reverse("articles:home"))

    assert directives_of(response["Content-Security-Policy"]) == directives_of(build_policy())
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.django_db
def test_a_changed_policy_setting_is_sent_at_once(client, settings):
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"img-src": ["'none'"]}}

    response = client.get(reverse("articles:home"))

    assert response["Content-Security-Policy"] == "default-src 'self'"
    assert "img-src 'none'" in response["Content-Security-Policy-Report-Only"]


@pytest.mark.django_db
def test_paths_a_policy_leaves_out_get_none_of_it(client, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "EXCLUDE_URL_PREFIXES": ["/healthz"],
        "DIRECTIVES": {"default-src": ["'self'"]},
    }

    assert "Content-Security-Policy" not in client.get(reverse("healthz"))
    assert client.get(reverse("articles:home"))["Content-Security-Policy"] == "default-src 'self'"

    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    assert client.get(reverse("healthz"))["Content-Security-Policy"] == "default-src 'self'"


@pytest.mark.django_db
def test_a_policy_holding_a_line_break_is_never_sent(client, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'\r\nSet-Cookie: a=b"]},
    }
    client.raise_request_exception = False

    response = client.get(reverse("healthz"))

    assert "Set-Cookie" not in response.headers.get("Content-Security-Policy", "")
    assert "a" not in response.cookies
