"""In a real browser, no page showing the XSS catalogue ever opens a dialog: not on load,
not on scrolling, not when every element takes the focus (autofocus/onfocus payloads)."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.security.catalogue import PAYLOAD_IDS, PAYLOADS, build_world, with_marker

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FOCUS_EVERYTHING = """() => {
  const focusable = "a, input, textarea, button, select, [tabindex], img, svg, math";
  for (const element of document.querySelectorAll(focusable)) {
    if (typeof element.focus === "function") element.focus();
  }
}"""


@pytest.fixture
def dialogs(page):
    opened = []

    def record(dialog):
        opened.append(f"{page.url}: {dialog.type} {dialog.message!r}")
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def log_in_as(page, live_server, user):
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def visit(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, url
    page.mouse.wheel(0, 4000)
    for _ in range(5):
        page.keyboard.press("Tab")
    page.evaluate(FOCUS_EVERYTHING)


def test_the_dialog_recorder_sees_an_alert_when_there_is_one(page, dialogs):
    """The control: were this not recorded, the test below would pass for nothing."""
    page.set_content("<input autofocus onfocus=alert(1)><img src=x onerror=alert(2)>")
    page.wait_for_function("() => document.readyState === 'complete'")
    page.evaluate(FOCUS_EVERYTHING)
    assert dialogs


def test_no_page_showing_the_catalogue_opens_a_dialog(page, live_server, dialogs, screenshot):
    worlds = [build_world(payload) for payload in PAYLOADS]
    for url in ("/", "/search/?q=zanzibar"):
        visit(page, url)
    screenshot("xss-catalogue-home")

    for payload_id, world in zip(PAYLOAD_IDS, worlds, strict=True):
        article = world["article"]
        # Logged in, the article page also carries the comment form and its controls.
        log_in_as(page, live_server, world["commenter"])
        visit(page, article.get_absolute_url())
        if payload_id in {"script", "attribute-breakout"}:
            screenshot(f"xss-catalogue-article-{payload_id}")
        visit(page, reverse("comments:edit", kwargs={"pk": world["comment"].pk}))
        visit(page, reverse("articles:tag", kwargs={"slug": world["tag"].slug}))
        visit(page, reverse("search:search") + "?" + urlencode({"q": world["text"]}))
        log_in_as(page, live_server, world["writer"])
        visit(page, world["writer"].get_absolute_url())
        visit(page, reverse("accounts:profile"))

    page.context.clear_cookies()
    for payload in PAYLOADS:
        page.goto(reverse("accounts:signup"))
        page.get_by_label("Username").fill(with_marker(payload))
        page.get_by_label("Display name").fill(with_marker(payload))
        page.get_by_label("Email").fill("someone@example.com")
        page.locator("#id_password1").fill("a quiet harbour at dawn")
        page.locator("#id_password2").fill("a quiet harbour at dawn")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Create account").click()
        assert answer.value.status == 400  # refused (bad username), the form shown again
        page.mouse.wheel(0, 4000)
        page.evaluate(FOCUS_EVERYTHING)
    screenshot("xss-catalogue-signup-echo")
    assert dialogs == []
