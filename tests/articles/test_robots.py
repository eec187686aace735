import pytest
from django.urls import reverse

from tests.articles.seo_factories import build_world

pytestmark = pytest.mark.django_db


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_staff_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /accounts/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines


def test_every_sitemap_robots_txt_names_answers_with_xml(client):
    build_world()
    body = client.get(reverse("robots")).content.decode()
    sitemaps = [line.split(": ", 1)[1] for line in body.splitlines() if line.startswith("Sitemap:")]
    assert len(sitemaps) == 2
    for url in sitemaps:
        response = client.get(url.removeprefix("http://testserver"))
        assert response.status_code == 200
        assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')


def test_robots_txt_leaves_article_and_section_pages_open(client):
    disallowed = [
        line.split(": ", 1)[1]
        for line in client.get("/robots.txt").content.decode().splitlines()
        if line.startswith("Disallow:")
    ]
    for path in ("/", "/articles/x/", "/category/x/", "/tag/x/", "/author/x/", "/feeds/rss/"):
        assert not any(path.startswith(prefix) for prefix in disallowed)
