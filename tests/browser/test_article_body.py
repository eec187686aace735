"""A body typed in the admin reaches readers as written: shortcodes after a real submit."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.factories import ArticleFactory

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


def test_a_pullquote_typed_in_the_editor_renders_on_the_published_article(page):
    editor = people.editor(username="sofia")
    article = ArticleFactory(published=True, headline="Harbour fees", authors=[editor])
    log_in(page, "sofia")
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    # The browser submits a textarea's lines with CRLF endings, whatever was typed.
    page.get_by_role("button", name="Markdown source").click()
    page.locator("textarea.markdown-editor").fill(
        "Traders met on Monday.\n\n[[pullquote: We will rebuild the harbour]]\n\nThey left."
    )
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    assert "\r" not in Article.objects.get(pk=article.pk).body

    page.goto(article.get_absolute_url())
    expect(page.locator("blockquote.pullquote")).to_have_text("We will rebuild the harbour")
    expect(page.get_by_text("[[pullquote")).to_have_count(0)
