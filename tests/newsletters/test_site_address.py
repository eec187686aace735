"""One site address for every absolute URL made outside a request: links in mail and URLs
in webhook payloads (NEWSROOM_SITE_URL, the SITE_URL setting)."""

import pytest
from django.core import checks

from newsletters import mail
from newsletters.models import Kind, Send
from webhooks.payloads import article_data

pytestmark = pytest.mark.django_db


def test_mail_links_and_webhook_payloads_use_the_one_site_address(
    settings, published_article, make_readers
):
    settings.SITE_URL = "https://news.example.org"
    (reader,) = make_readers(1)
    message = mail.for_send(Send(kind=Kind.ALERT, subject="B", article=published_article), reader)
    assert f"https://news.example.org{published_article.get_absolute_url()}" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://news.example.org/newsletters/unsubscribe/"
    )
    url = article_data(published_article)["article"]["url"]
    assert url == f"https://news.example.org{published_article.get_absolute_url()}"


def test_the_deploy_check_warns_while_the_site_address_is_the_local_default(settings):
    settings.SITE_URL = "http://localhost:8000"
    found = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "newsroom.W110" in found
    settings.SITE_URL = "https://news.example.org"
    found = [m.id for m in checks.run_checks(include_deployment_checks=True)]
    assert "newsroom.W110" not in found
