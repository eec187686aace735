"""Static pages: readable nested addresses, the footer menu, sitemap, metadata, revisions."""

import json
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from articles.models import SiteIdentity
from pages.models import Page
from tests import people

pytestmark = pytest.mark.django_db


def make_page(title, slug, **fields):
    return Page.objects.create(title=title, slug=slug, **{"is_published": True, **fields})


def test_a_published_page_lives_at_its_nested_address(client):
    about = make_page("About us", "about", body="We are a **small** newsroom.")
    make_page("Ethics policy", "ethics", parent=about, body="We correct mistakes.")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "<strong>small</strong>" in response.content.decode()
    nested = client.get("/about/ethics/").content.decode()
    assert '<h1 class="article__headline">Ethics policy</h1>' in nested
    assert 'href="/about/"' in nested


def test_an_unpublished_page_is_not_found(client):
    make_page("Draft masthead", "masthead", is_published=False)
    assert client.get("/masthead/").status_code == 404


def test_raw_html_in_a_page_never_reaches_readers_as_html(client):
    make_page("Contact", "contact", body="<script>alert(1)</script>\n\nWrite to us.")
    html = client.get("/contact/").content.decode()
    body = html.split('<div class="article__body">')[1].split("</div>")[0]
    assert "<script" not in body  # shown as the text it is, as in articles
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "Write to us." in body


def test_the_footer_menu_lists_published_pages_in_their_order(client):
    make_page("Contact", "contact", footer_position=2)
    make_page("About us", "about", footer_position=1)
    make_page("Not in menu", "hidden")
    make_page("Secret", "secret", footer_position=0, is_published=False)
    footer = client.get("/").content.decode().split('aria-label="About us"')[1]
    links = re.findall(r'<a href="(/[a-z]+/)">', footer)
    assert links == ["/about/", "/contact/"]


def test_a_page_cannot_take_an_address_the_site_uses():
    page = Page(title="Search", slug="search")
    with pytest.raises(ValidationError, match="belongs to the site"):
        page.full_clean()


def test_renaming_a_parent_moves_its_children():
    about = make_page("About", "about")
    child = make_page("Team", "team", parent=about)
    about.slug = "who-we-are"
    about.save()
    child.refresh_from_db()
    assert child.get_absolute_url() == "/who-we-are/team/"


def test_published_pages_are_in_the_sitemap(client):
    make_page("About", "about")
    make_page("Draft", "draft", is_published=False)
    xml = client.get("/sitemap-pages.xml").content.decode()
    assert "http://testserver/about/" in xml
    assert "/draft/" not in xml


def test_a_page_has_its_own_title_and_description(client):
    make_page("About", "about", seo_title="Who we are", seo_description="Our people.")
    html = client.get("/about/").content.decode()
    assert '<meta property="og:title" content="Who we are">' in html
    assert '<meta property="og:description" content="Our people.">' in html


def test_the_publisher_links_its_policies_and_masthead(client, published_article):
    SiteIdentity.objects.create(
        name="The Harbour Herald",
        corrections_policy=make_page("Corrections", "corrections"),
        ethics_policy=make_page("Ethics", "ethics"),
        masthead=make_page("Masthead", "masthead", is_published=False),
    )
    html = client.get(published_article.get_absolute_url()).content.decode()
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
    [news] = [json.loads(b) for b in blocks if '"NewsArticle"' in b]
    publisher = news["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["correctionsPolicy"] == "http://testserver/corrections/"
    assert publisher["ethicsPolicy"] == "http://testserver/ethics/"
    assert "masthead" not in publisher  # not public yet


def test_editors_edit_pages_and_each_save_is_a_revision(client):
    client.force_login(people.editor())
    form = {"title": "About", "slug": "about", "body": "First.", "is_published": "on"}
    assert client.post(reverse("admin:pages_page_add"), form).status_code == 302
    page = Page.objects.get()
    form["body"] = "Second."
    client.post(reverse("admin:pages_page_change", args=[page.pk]), form)
    assert [h.body for h in page.history.order_by("history_date")] == ["First.", "Second."]
    assert "Second." in client.get("/about/").content.decode()


def test_unpublishing_a_policy_page_takes_it_out_of_the_publisher(client, published_article):
    ethics = make_page("Ethics", "ethics")
    SiteIdentity.objects.create(name="The Harbour Herald", ethics_policy=ethics)

    def publisher():
        html = client.get(published_article.get_absolute_url()).content.decode()
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html)
        return [json.loads(b) for b in blocks if '"NewsArticle"' in b][0]["publisher"]

    assert "ethicsPolicy" in publisher()
    editor = Client()
    editor.force_login(people.editor())
    form = {"title": "Ethics", "slug": "ethics", "body": ""}  # "published" left unticked
    editor.post(reverse("admin:pages_page_change", args=[ethics.pk]), form)
    assert "ethicsPolicy" not in publisher()
