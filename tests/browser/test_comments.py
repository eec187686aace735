import re

import pytest
from playwright.sync_api import expect

from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_reader_logs_in_from_an_article_and_joins_the_conversation(page, screenshot, settings):
    settings.COMMENTS_HOLD_FIRST_COMMENT = False
    settings.COMMENTS_RATE_LIMITS = []
    UserFactory(username="rosa", display_name="Rosa Reader")
    article = ArticleFactory(published=True, headline="Harbour traders brace for new port fees")

    page.goto(article.get_absolute_url())
    comments = page.locator("#comments")
    expect(comments).to_contain_text("You need to log in to leave a comment")
    screenshot("comments-anonymous")

    comments.get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(rf"{re.escape(article.get_absolute_url())}#comments$"))

    page.get_by_label("Your comment").fill("The fees will hit small traders hardest.\nWho decided?")
    page.get_by_role("button", name="Post comment").click()
    expect(page).to_have_url(re.compile(r"#comment-\d+$"))
    first = page.locator(".comment").first
    expect(first).to_contain_text("The fees will hit small traders hardest.")
    expect(first).to_contain_text("Rosa Reader")

    first.get_by_role("link", name="Reply").click()
    expect(page.locator(".comment #comment-form")).to_be_visible()
    screenshot("comments-replying")
    page.get_by_label("Your comment").fill("Replying to myself: the council did.")
    page.get_by_role("button", name="Post comment").click()
    reply = page.locator(".comment-list--replies .comment")
    expect(reply).to_contain_text("Replying to myself: the council did.")
    expect(page.locator("#comments-heading")).to_contain_text("(2)")
    screenshot("comments-thread")


def test_an_author_fixes_a_typo_and_the_reply_under_their_comment_stays(page, settings):
    # With the first-comment hold on, the edit waits for an editor; the thread
    # must not vanish meanwhile, and the author must be told.
    from tests.comments.factories import CommentFactory

    settings.COMMENTS_HOLD_FIRST_COMMENT = True
    rosa = UserFactory(username="rosa", display_name="Rosa Reader")
    article = ArticleFactory(published=True, headline="Harbour traders brace for new port fees")
    comment = CommentFactory(article=article, author=rosa, body="The fees hit small tarders.")
    CommentFactory(article=article, parent=comment, body="Agreed, and the ferries too.")

    page.goto(f"/accounts/login/?next={article.get_absolute_url()}")
    page.get_by_label("Username").fill("rosa")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.locator(f"#comment-{comment.pk}").get_by_role("link", name="Edit").first.click()
    page.get_by_label("Your comment").fill("The fees hit small traders.")
    page.get_by_role("button", name="Save changes").click()

    comments = page.locator("#comments")
    expect(comments).to_contain_text("Your edit is waiting for approval")
    expect(comments).to_contain_text("The fees hit small tarders.")
    expect(page.locator(".comment-list--replies .comment")).to_contain_text(
        "Agreed, and the ferries too."
    )
    expect(page.locator("#comments-heading")).to_contain_text("(2)")
