"""A body typed in the admin reaches readers as written: shortcodes after a real submit."""

import pytest
from playwright.sync_api import expect

from articles.images import Image, ensure_renditions
from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Review queue")).to_be_visible()


def test_a_pullquote_typed_in_the_editor_renders_on_the_published_article(page):
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline="Harbour fees", authors=[editor])
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The browser submits a textarea's lines with CRLF endings, whatever was typed.
    page.get_by_role("button", name="Markdown source").click()
    page.locator("textarea.markdown-editor").fill(
        "Traders met on Monday.\n\n[[pullquote: We will rebuild the harbour]]\n\nThey left."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert "\r" not in Article.objects.get(pk=article.pk).body

    page.goto(article.get_absolute_url())
    expect(page.locator("blockquote.pullquote")).to_have_text("We will rebuild the harbour")
    expect(page.get_by_text("[[pullquote")).to_have_count(0)


def test_a_phone_loads_a_body_picture_sized_for_it_not_the_original(browser, live_server):
    camera = people.picture_bytes(size=(2400, 1600), fmt="JPEG")
    image = Image.objects.create(
        file=people.upload("quay.jpg", camera, "image/jpeg"), alt_text="Boats tied up at the quay"
    )
    ensure_renditions(image)  # as the background job would have
    article = ArticleFactory(published=True, body=f"Crews are back.\n\n[[image {image.pk}]]")
    # Lighthouse's phone: 412 CSS pixels at 1.75 device pixels each.
    phone = browser.new_context(
        base_url=live_server.url, viewport={"width": 412, "height": 823}, device_scale_factor=1.75
    )
    try:
        page = phone.new_page()
        page.goto(article.get_absolute_url())
        picture = page.get_by_role("img", name="Boats tied up at the quay")
        picture.scroll_into_view_if_needed()  # loaded lazily
        expect(picture).to_have_js_property("complete", True)
        # The WebP copy for 721 device pixels (srcset's choice), not the 2,400-pixel original.
        source = picture.evaluate("img => img.currentSrc")
        assert "/renditions/" in source and source.rsplit("/", 1)[1] in ("720.webp", "960.webp")
        assert picture.evaluate("img => img.getBoundingClientRect().width") <= 412
    finally:
        phone.close()
