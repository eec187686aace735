"""The pages 18.6, 18.10 and 18.11 added, checked with axe like every reader page."""

import pytest

from articles import services
from articles.models import Article, Category
from tests import people
from tests.browser.conftest import SCREENSHOTS
from tests.browser.reader_data import make_reader_archive
from tests.browser.test_accessibility import AXE, serious
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_archived_corrected_gone_and_quiet_trending_pages_have_no_serious_violations(
    browser, live_server
):
    article, _ = make_reader_archive()
    editor = people.editor()
    services.correction_add(article=article, user=editor, note="The vote was on Tuesday.")
    archived = ArticleFactory(published=True, headline="An old story kept for the record")
    services.article_archive(article=archived, user=editor)
    gone = ArticleFactory(published=True, headline="A story that names a minor")
    services.article_take_down(article=gone, user=editor, reason="Names a minor")
    pages = {
        "corrected": (article.get_absolute_url(), "This article was corrected on"),
        "archived": (archived.get_absolute_url(), "From the archive."),
        "gone": (gone.get_absolute_url(), "This article has been removed"),
        "trending-quiet": (
            Category.objects.get(shows_trending=True).get_absolute_url(),
            "Nothing is trending yet",
        ),
    }
    assert Article.objects.get(pk=gone.pk).status == Article.Status.TAKEN_DOWN
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, (url, text) in pages.items():
        response = page.goto(url)
        assert response.status == (410 if name == "gone" else 200), name
        assert text in page.content(), name
        page.screenshot(path=SCREENSHOTS / f"a11y-{name}.png", full_page=True)
        found = serious(AXE.run(page))
        if found:
            problems[name] = found
        assert page.locator("h1").count() == 1, f"{name} needs exactly one h1"
    # The notice at the top takes the reader to the note at the foot.
    page.goto(article.get_absolute_url())
    page.get_by_role("link", name="Read the correction").click()
    assert page.evaluate("location.hash").startswith("#correction-")
    context.close()
    assert problems == {}
