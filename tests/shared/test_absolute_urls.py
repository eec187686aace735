"""Absolute URLs are on the configured site address (SITE_URL), whatever port or host name
the request's Host header carried."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
ODD_HOST = "localhost:9999"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]


def addresses(text):
    return set(re.findall(r"https?://[^/\s\"'<>]+", text))


def test_an_article_page_names_the_site_address_in_every_absolute_link(client, site):
    article = ArticleFactory(published=True, headline="Harbour wall repaired")
    html = client.get(article.get_absolute_url(), HTTP_HOST=ODD_HOST).content.decode()
    assert f'<link rel="canonical" href="{SITE}{article.get_absolute_url()}">' in html
    assert f'content="{SITE}{article.get_absolute_url()}"' in html  # og:url
    assert "9999" not in html and ODD_HOST not in html


@pytest.mark.parametrize(
    "url",
    [
        reverse("syndication:rss"),
        reverse("syndication:atom"),
        reverse("syndication:sitemap-index"),
        reverse("syndication:sitemap-section", args=["articles"]),
        reverse("syndication:news-sitemap"),
        "/robots.txt",
        "/api/v1/articles/",
    ],
)
def test_feeds_sitemaps_robots_and_the_api_use_the_site_address(client, site, url):
    ArticleFactory(published=True)
    response = client.get(url, HTTP_HOST=ODD_HOST)
    assert response.status_code == 200
    text = response.content.decode()
    assert SITE in text
    assert not any("localhost" in found for found in addresses(text)), addresses(text)


def test_a_password_reset_mail_links_to_the_site_address(client, site):
    UserFactory(email="reader@example.com")
    client.post(reverse("password_reset"), {"email": "reader@example.com"}, HTTP_HOST=ODD_HOST)
    [message] = mail.outbox
    assert f"{SITE}/accounts/reset/" in message.body
    assert "9999" not in message.body
