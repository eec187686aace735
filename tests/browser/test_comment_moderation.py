"""An editor clears the comment queue with one click per row, on a laptop-sized screen."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests import people
from tests.comments.factories import CommentFactory
from tests.factories import ArticleFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_HEADLINE = (
    "Harbour authority publishes its long-awaited review of berthing fees, dredging "
    "contracts and the future of the old fish market after two years of consultation"
)


def test_an_editor_approves_a_held_comment_with_one_click_and_the_queue_fits_1280px(
    page, screenshot
):
    people.editor(username="sofia", display_name="Sofia Marquez")
    article = ArticleFactory(published=True, headline=LONG_HEADLINE)
    commenter = UserFactory(display_name="Quentin Queue-Watcher")
    held = CommentFactory(
        article=article,
        author=commenter,
        status="pending",
        body="Waiting for an editor: " + "a careful point about the dredging contracts " * 6,
    )
    CommentFactory(article=article, status="pending", body="Another held comment", flag_count=2)
    CommentFactory(article=article, body="Already approved and fine")

    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("sofia")
    page.get_by_label("Password").fill(people.PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="2 to review")).to_be_visible()
    page.get_by_role("link", name="2 to review").click()

    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(2)
    expect(page.locator("#result_list")).not_to_contain_text("Already approved and fine")
    # Fits a laptop: nothing wider than the window, the table never scrolls sideways in its
    # box, and every row's buttons are on screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1280, f"the comment page is {width}px wide at a 1280px window"
    overflow = page.evaluate(
        "(() => { const box = document.querySelector('.results');"
        " return box.scrollWidth - box.clientWidth; })()"
    )
    assert overflow <= 0, f"the comment table is {overflow}px wider than its box"
    approve = page.get_by_role("button", name=f"Approve comment {held.pk}")
    box = approve.bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert box is not None and box["x"] + box["width"] <= filters["x"]
    screenshot("comment-queue-1280")

    approve.click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Comment by Quentin Queue-Watcher approved."
    )
    expect(rows).to_have_count(1)
    assert Comment.objects.get(pk=held.pk).status == "approved"
    page.goto(article.get_absolute_url())
    expect(page.locator(f"#comment-{held.pk}")).to_contain_text("Waiting for an editor")
