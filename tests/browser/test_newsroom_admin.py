"""A writer writes and submits in the admin, an editor publishes, a reader reads."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, Image
from tests import people
from tests.browser.test_editor import settle_focus
from tests.factories import CategoryFactory

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


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_a_writer_submits_an_editor_publishes_and_a_reader_reads(page, screenshot):
    CategoryFactory(name="Business", slug="business")
    people.writer(username="amara", display_name="Amara Okafor")
    people.editor(username="sofia", display_name="Sofia Marquez")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # The writer uploads a picture to the library.
    log_in(page, "amara")
    page.goto("/admin/articles/image/add/")
    page.get_by_label("File").set_input_files(
        files=[
            {
                "name": "harbour.png",
                "mimeType": "image/png",
                "buffer": people.picture_bytes(size=(640, 360)),
            }
        ]
    )
    page.get_by_label("Alt text").fill("Fishing boats tied up in the harbour")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    # ...then writes in the rich editor, in the site's typography.
    page.goto("/admin/articles/article/add/")
    page.get_by_label("Headline").fill("Harbour fees rise in May")
    body = page.get_by_role("textbox", name="Body")
    body.click()
    page.keyboard.type("Traders met on Monday.\n")
    page.get_by_role("button", name="Heading", exact=True).click()
    page.keyboard.type("What changed\nRead the council report")
    for _ in range(3):  # the last three words
        page.keyboard.press("Control+Shift+ArrowLeft")
    page.keyboard.press("ControlOrMeta+k")
    page.get_by_role("textbox", name="Address, or words to search our published articles").fill(
        "https://example.org/report"
    )
    page.get_by_role("button", name="OK").click()
    settle_focus(page)  # the editor takes the focus back from the dialog
    page.keyboard.press("End")
    page.keyboard.type(".\n")
    picture = Image.objects.get(alt_text="Fishing boats tied up in the harbour")
    page.get_by_role("button", name="Picture", exact=True).click()
    library = page.get_by_role("dialog", name="Choose a picture")
    library.get_by_role("button", name=picture.alt_text).click()
    expect(body.get_by_role("heading", name="What changed")).to_be_visible()
    expect(body.locator("a[href='https://example.org/report']")).to_have_text("the council report")
    expect(body.get_by_role("img", name="Fishing boats tied up in the harbour")).to_be_visible()
    page.get_by_label("Category").select_option(label="Business")
    page.get_by_label("Status").select_option(label="In review")
    expect(page.get_by_label("Status").locator("option")).to_have_count(2)  # no "Published"
    screenshot("newsroom-writer-editor")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(
        "was submitted for review. It is in the editors' review queue (Sofia Marquez)"
    )
    article = Article.objects.get(headline="Harbour fees rise in May")
    assert article.status == Article.Status.IN_REVIEW
    log_out(page)

    # The editor finds it in the review queue and publishes it.
    log_in(page, "sofia")
    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_role("link", name="Harbour fees rise in May")).to_be_visible()
    screenshot("newsroom-review-queue")
    page.get_by_role("link", name="Harbour fees rise in May").click()
    page.get_by_label("Status").select_option(label="Published")
    page.get_by_role("button", name="Save", exact=True).click()
    # The pre-publish check warns (no featured image, a short description); the editor
    # reads the warnings and publishes anyway.
    expect(page.get_by_role("alert")).to_contain_text("Check before publishing")
    page.get_by_label("Publish anyway: I have read these warnings").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was published; readers see it now")
    log_out(page)

    # A reader sees it on the site.
    page.goto("/")
    page.get_by_role("link", name="Harbour fees rise in May").first.click()
    expect(page).to_have_url(re.compile(r"/articles/harbour-fees-rise-in-may/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Harbour fees rise in May")
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()
    expect(page.get_by_role("link", name="the council report")).to_have_attribute(
        "rel", "noopener noreferrer"
    )
    expect(page.get_by_role("img", name="Fishing boats tied up in the harbour")).to_be_visible()
    screenshot("newsroom-published-article")
    assert errors == []
