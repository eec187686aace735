"""Newsletters in a real browser: an editor's breaking-news alert, a reader's subscription
and email preferences."""

import pytest
from playwright.sync_api import expect

from newsletters.models import Subscriber
from tests.articles import newsroom
from tests.factories import ArticleFactory, CategoryFactory
from tests.newsletters import smtp

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def inbox(settings):
    controller, inbox = smtp.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    yield inbox
    controller.stop()


def log_in_to_admin(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(newsroom.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Review queue")).to_be_visible()


def test_an_editor_sends_a_breaking_news_alert_to_a_sections_followers(page, inbox, screenshot):
    science = CategoryFactory(name="Science", slug="science")
    article = ArticleFactory(published=True, category=science, headline="Comet visible tonight")
    for i in range(2):
        reader = Subscriber.objects.create(
            email=f"stargazer{i}@example.com", confirmed_at="2026-01-01T00:00Z"
        )
        reader.categories.add(science)
    Subscriber.objects.create(email="everyone@example.com", confirmed_at="2026-01-01T00:00Z")
    newsroom.editor(username="sofia")

    log_in_to_admin(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="Send as a breaking-news alert").click()
    expect(page.get_by_role("heading", name="Send a breaking-news alert")).to_be_visible()
    page.get_by_label("Followers of Science: 2").check()
    expect(page.get_by_label("Everyone who takes alerts: 3")).not_to_be_checked()
    page.get_by_label("Subject line").fill("Breaking: a comet tonight")
    screenshot("newsletters-alert-confirm")
    page.get_by_role("button", name="Send the alert").click()
    expect(page.locator(".messagelist")).to_contain_text("The alert is on its way to 2 readers.")

    assert sorted(m["To"] for m in inbox.messages) == [
        "stargazer0@example.com",
        "stargazer1@example.com",
    ]
    assert inbox.messages[0]["Subject"] == "Breaking: a comet tonight"
