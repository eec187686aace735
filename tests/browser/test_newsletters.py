"""Newsletters in a real browser: an editor's breaking-news alert, a reader's subscription
and email preferences."""

import re

import pytest
from playwright.sync_api import expect

from newsletters import tokens
from newsletters.models import Subscriber
from tests import people
from tests.factories import ArticleFactory, CategoryFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def log_in_to_admin(page, username):
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(people.PASSWORD)
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
    people.editor(username="sofia")

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


def mail_path(message):
    link = re.search(
        r"https?://\S+?(/newsletters/\S+/)", message.get_body(("plain",)).get_content()
    )
    return link[1]


def test_a_reader_follows_a_section_by_email_fixing_a_mistyped_address_on_the_way(
    page, inbox, screenshot
):
    science = CategoryFactory(name="Science", slug="science")
    ArticleFactory(published=True, category=science, headline="Comet visible tonight")

    page.goto("/category/science/")
    page.get_by_role("link", name="Follow Science by email").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Follow Science by email")
    page.get_by_label("Your email address").fill("amara@example")  # the browser lets it pass
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("alert")).to_contain_text("Enter a valid email address.")
    expect(page.get_by_label("Your email address")).to_have_value("amara@example")
    screenshot("newsletters-subscribe-error")
    page.get_by_label("Your email address").fill("amara@example.com")
    page.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your inbox")

    (message,) = inbox.to("amara@example.com")
    page.goto(mail_path(message))
    expect(page.get_by_text("Send our mail to amara@example.com?")).to_be_visible()
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You are subscribed")
    expect(page.get_by_text("You follow Science by email.")).to_be_visible()
    page.get_by_role("link", name="Choose what you get").click()

    expect(page.get_by_role("status").first).to_contain_text("You get: daily digest")
    page.get_by_label("Breaking-news alerts").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your email preferences are saved.")).to_be_visible()
    expect(page.get_by_text("Turned off: breaking-news alerts.")).to_be_visible()
    expect(page.get_by_label("Daily digest")).to_be_checked()
    expect(page.get_by_label("Science")).not_to_be_checked()
    screenshot("newsletters-preferences")
    reader = Subscriber.objects.get(email="amara@example.com")
    assert (reader.wants_digest, reader.wants_alerts) == (True, False)
    assert list(reader.categories.all()) == [science]


def test_a_preferences_form_gone_stale_says_so_and_keeps_the_other_choices(page):
    science = CategoryFactory(name="Science", slug="science")
    sport = CategoryFactory(name="Sport", slug="sport")
    reader = Subscriber.objects.create(email="ines@example.com", confirmed_at="2026-01-01T00:00Z")
    reader.categories.add(science, sport)

    page.goto(f"/newsletters/preferences/{tokens.preferences_token(reader)}/")
    page.get_by_label("Daily digest").uncheck()
    page.get_by_label("Science").check()
    reader.categories.remove(science)  # meanwhile, from another window
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("alert")).to_contain_text("You no longer follow one of those")
    expect(page.get_by_label("Daily digest")).not_to_be_checked()  # the choice made is kept
    expect(page.get_by_label("Science")).to_have_count(0)
    reader.refresh_from_db()
    assert reader.wants_digest, "nothing saved from the stale form"
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Your email preferences are saved.")).to_be_visible()
    reader.refresh_from_db()
    assert not reader.wants_digest and list(reader.categories.all()) == [sport]
