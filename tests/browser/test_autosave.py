"""Nothing typed is lost: text autosaved before the browser crashed, and text kept in the
browser while the server could not be reached or after the session had ended, are offered
back when the form is opened again."""

import pytest
from django.test import Client
from playwright.sync_api import expect

from articles.models import Article
from autosave.models import Autosave
from tests import people
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ADDED = " The ferry will run every hour from May."


@pytest.fixture
def browser_as(browser, live_server, settings):
    """A new browser (context) logged in as `user` by its session cookie: the login form
    is tested elsewhere, and each login through it costs seconds."""
    settings.SITE_URL = live_server.url
    contexts = []

    def make(user):
        client = Client()
        client.force_login(user)
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(10_000)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()  # closing one already closed does nothing


@pytest.fixture
def writer():
    return people.writer(username="amira")


@pytest.fixture
def draft(writer):
    return ArticleFactory(
        headline="Harbour fees rise",
        body="The council met on Tuesday.\n\nFees rise by a tenth.",
        authors=[writer],
    )


def type_at_the_end_of_the_body(page):
    body = page.locator(".nr-rich .ProseMirror")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(ADDED)


def offer(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return page.get_by_role("region", name="You have unsaved changes from")


def test_text_autosaved_before_a_crash_is_restored_into_the_editor_and_saved(
    browser_as, writer, draft
):
    first = browser_as(writer)
    page = first.new_page()
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    type_at_the_end_of_the_body(page)
    expect(page.get_by_role("status").filter(has_text="Saved as a draft copy at")).to_be_visible()
    first.close()  # the browser crashes: nothing more is sent

    page = browser_as(writer).new_page()
    offered = offer(page, draft)
    expect(offered).to_contain_text("Fees rise by a tenth." + ADDED)
    offered.get_by_role("button", name="Restore").click()
    expect(page.locator(".nr-rich .ProseMirror")).to_contain_text("Fees rise by a tenth." + ADDED)
    expect(page.get_by_role("status").filter(has_text="Restored your changes")).to_be_visible()
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert Article.objects.get(pk=draft.pk).body.endswith("Fees rise by a tenth." + ADDED)
    assert not Autosave.objects.exists()


def test_text_typed_offline_is_kept_in_the_browser_and_offered_when_back(browser_as, writer, draft):
    context = browser_as(writer)
    page = context.new_page()
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    context.set_offline(True)
    type_at_the_end_of_the_body(page)
    expect(page.get_by_role("status")).to_contain_text("Offline: kept in this browser")
    page.close()
    assert not Autosave.objects.exists()

    context.set_offline(False)
    page = context.new_page()
    offered = offer(page, draft)

    # Offered either way: from the browser's copy, or from the server's when the page's
    # leaving beacon, queued while offline, reached it once the browser was back online.
    expect(offered).to_contain_text("Fees rise by a tenth." + ADDED)


def test_text_typed_after_the_session_ended_is_kept_and_offered_after_logging_in(
    browser_as, writer, draft, live_server, settings
):
    context = browser_as(writer)
    page = context.new_page()
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    context.clear_cookies()  # the session ends: expired, or logged out in another tab
    type_at_the_end_of_the_body(page)
    expect(page.get_by_role("status")).to_contain_text("Not saved: your session has ended")
    page.close()
    assert not Autosave.objects.exists()

    client = Client()
    client.force_login(writer)  # logged in again, in the same browser
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    offered = offer(page, draft)

    expect(offered).to_contain_text("Fees rise by a tenth." + ADDED)
    expect(page.get_by_role("status")).to_contain_text("kept in this browser")
