"""Comments record the client's address the same trusted-proxy-aware way login throttling
does, so flood limits and moderation notes see the reader, not the proxy, and a forged
X-Forwarded-For cannot pick an address."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def post_comment(client, article, **headers):
    client.force_login(UserFactory())
    url = reverse("comments:post", kwargs={"article_id": article.pk})
    response = client.post(url, {"body": "A fair point."}, **headers)
    assert response.status_code == 302
    return Comment.objects.get().ip_address


def test_behind_one_trusted_proxy_the_comment_keeps_the_readers_address(
    client, published_article, settings
):
    settings.TRUSTED_PROXY_HOPS = 1
    address = post_comment(
        client,
        published_article,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9",  # forged entry, then the proxy's
    )
    assert address == "203.0.113.9"


def test_without_trusted_proxies_a_forwarded_header_is_ignored(client, published_article, settings):
    settings.TRUSTED_PROXY_HOPS = 0
    address = post_comment(
        client, published_article, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="6.6.6.6"
    )
    assert address == "198.51.100.7"
