"""The article change form on a phone: an empty preview takes no room from the body.
The headline, the tool bar, the body's size and axe: tests/browser/test_article_workspace.py."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.browser.test_article_body import log_in
from tests.browser.test_article_workspace import LONG_HEADLINE
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def in_review(page):
    """An article in review, opened by an editor: every tool the form has is shown."""
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline=LONG_HEADLINE, body="", authors=[editor])
    Article.objects.filter(pk=article.pk).update(status=Article.Status.IN_REVIEW)
    log_in(page, "sofia")
    return article


def test_on_a_phone_the_body_is_taller_than_the_empty_preview(page, in_review):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/admin/articles/article/{in_review.pk}/change/")
    body = page.locator("textarea.markdown-editor")
    preview = page.locator(".nr-preview")
    expect(preview).to_be_attached()
    body_height = body.bounding_box()["height"]
    preview_box = preview.bounding_box()
    preview_height = preview_box["height"] if preview_box else 0
    assert body_height > preview_height
    assert body_height >= 300
