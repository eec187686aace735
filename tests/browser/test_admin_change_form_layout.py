"""The article change form on a phone: the body is the largest field.
The headline, the tool bar, the body's size and axe: tests/browser/test_article_workspace.py."""

import pytest

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


def test_on_a_phone_the_body_is_the_largest_field(page, in_review):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"/admin/articles/article/{in_review.pk}/change/")
    body = page.get_by_role("textbox", name="Body")
    body_height = body.bounding_box()["height"]
    standfirst = page.get_by_label("Standfirst").bounding_box()["height"]
    assert body_height > standfirst
    assert body_height >= 300
