"""A live page describes itself as a LiveBlogPosting (Google's live-coverage guidance),
and the sitemaps give its latest update time."""

import xml.etree.ElementTree as ET
from datetime import timedelta

import extruct
import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from live import services
from live.models import LiveUpdate
from tests.factories import ArticleFactory
from tests.live.factories import live_page, updates

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def page(desk_editor, reporter):
    return live_page(authors=[reporter], by=desk_editor, headline="Storm hits the harbour")


def json_ld(client, url):
    html = client.get(url).content.decode()
    data = extruct.extract(html, base_url="http://testserver" + url, syntaxes=["json-ld"])
    return {item["@type"]: item for item in data["json-ld"]}


def iso(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def test_a_live_page_is_a_live_blog_posting_with_its_updates(client, page, reporter, desk_editor):
    first, second = updates(page, 2, by=reporter)
    services.edit_update(
        update=second, user=reporter, body="Winds of 90 km/h & rising.", headline="Gale warning"
    )
    page.refresh_from_db()
    url = page.get_absolute_url()
    found = json_ld(client, url)

    assert "NewsArticle" not in found
    live = found["LiveBlogPosting"]
    assert live["headline"] == "Storm hits the harbour"
    assert live["coverageStartTime"] == iso(page.live_started_at)
    assert "coverageEndTime" not in live
    assert live["dateModified"] == iso(page.live_updated_at)
    newest, oldest = live["liveBlogUpdate"]
    assert newest == {
        "@type": "BlogPosting",
        "headline": "Gale warning",
        "articleBody": "Winds of 90 km/h & rising.",
        "datePublished": iso(second.published_at),
        "dateModified": iso(LiveUpdate.objects.get(pk=second.pk).edited_at),
        "url": f"http://testserver{url}#update-{second.pk}",
    }
    assert oldest["headline"] == "Update number 1." and oldest["articleBody"] == "Update number 1."


def test_an_ended_live_page_gives_its_coverage_end_time(client, page, desk_editor):
    services.end_coverage(article=page, user=desk_editor)
    page.refresh_from_db()
    live = json_ld(client, page.get_absolute_url())["LiveBlogPosting"]
    assert live["coverageEndTime"] == iso(page.live_ended_at)
    assert live["liveBlogUpdate"] == []


def test_a_deleted_update_leaves_the_structured_data_at_once(client, page, reporter, desk_editor):
    first, second = updates(page, 2, by=reporter)
    json_ld(client, page.get_absolute_url())
    services.delete_update(update=second, user=desk_editor)
    live = json_ld(client, page.get_absolute_url())["LiveBlogPosting"]
    assert [u["url"].rsplit("-", 1)[1] for u in live["liveBlogUpdate"]] == [str(first.pk)]


def test_an_ordinary_article_stays_a_news_article(client):
    article = ArticleFactory(published=True)
    assert "NewsArticle" in json_ld(client, article.get_absolute_url())


def test_the_sitemaps_give_a_live_pages_latest_update_time(client, page, reporter):
    old = timezone.now() - timedelta(hours=3)
    Article.objects.filter(pk=page.pk).update(published_at=old, updated_at=old)
    services.post_update(article=page, user=reporter, body="Latest.")
    page.refresh_from_db()
    wanted = page.live_updated_at.date().isoformat()
    for url in (reverse("syndication:sitemap-section", args=["articles"]), "/sitemap-news.xml"):
        root = ET.fromstring(client.get(url).content)
        [lastmod] = [
            entry.find("sm:lastmod", NS).text
            for entry in root.iterfind("sm:url", NS)
            if entry.find("sm:loc", NS).text.endswith(page.get_absolute_url())
        ]
        assert lastmod.startswith(wanted), url
        assert lastmod >= page.live_updated_at.strftime("%Y-%m-%dT%H:%M"), url
