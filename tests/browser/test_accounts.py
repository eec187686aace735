"""Signing up and logging in from an article, in a real browser: the reader sees what
happened where they land, and log-in links never nest `next`."""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "a quiet harbour at dawn"


def confirmation_link(message):
    return next(line for line in message.body.splitlines() if "/signup/confirm/" in line)


def test_signing_up_from_an_article_says_check_your_email_there_and_the_link_brings_me_back(
    page, mailoutbox, screenshot
):
    article = ArticleFactory(published=True, headline="Harbour traders brace for new port fees")
    page.goto(article.get_absolute_url())
    page.locator("#comments").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("newreader")
    page.get_by_label("Email").fill("new@example.com")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(article.get_absolute_url())}#comments$"))
    notice = page.locator("#comments").get_by_role("status")
    expect(notice).to_contain_text("Almost done: we have sent a link to new@example.com")
    expect(notice).to_be_in_viewport()
    screenshot("accounts-signup-check-your-email")

    [message] = mailoutbox
    page.goto(confirmation_link(message))
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm and log in").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(article.get_absolute_url())}#comments$"))
    expect(page.locator("#comments")).to_contain_text("Welcome! Your account is ready.")
    expect(page.get_by_label("Your comment")).to_be_visible()


def test_login_links_on_the_login_page_keep_the_article_and_never_nest(page):
    article = ArticleFactory(published=True)
    back = article.get_absolute_url()
    page.goto(f"/accounts/login/?next={quote(back)}")
    header_link = page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in")
    expect(header_link).to_have_attribute("href", f"/accounts/login/?next={quote(back)}")
    expect(page.get_by_role("link", name="Sign up")).to_have_attribute(
        "href", f"/accounts/signup/?next={quote(back)}"
    )
    for _ in range(3):  # what a crawler does
        header_link.click()
        expect(page).to_have_url(re.compile(rf"/accounts/login/\?next={re.escape(quote(back))}$"))
    page.get_by_role("link", name="Sign up").click()
    page.get_by_role("link", name="Log in").last.click()
    expect(page).to_have_url(re.compile(rf"/accounts/login/\?next={re.escape(quote(back))}$"))


def test_logging_in_from_an_articles_header_brings_the_reader_back_to_it(page):
    UserFactory(username="rosa", display_name="Rosa Reader")
    article = ArticleFactory(published=True, headline="Harbour traders brace for new port fees")
    page.goto(article.get_absolute_url())
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(article.get_absolute_url())}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.headline)
    expect(page.get_by_role("navigation", name="Account")).to_contain_text("Rosa Reader")
