"""The newsroom's own screens added beside the change form pass axe with no violations: the
notifications list and preferences, the take-over confirmation, the bulk-publish check,
a front's history with a proposal to publish or reject, the confirmation before publishing
one made from an older layout, the merge panel, and a picture's page and its deletion with
the stories that show it (the change form itself, with its
notes, presence and autosave panels, is checked in test_article_workspace.py)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from fronts.models import Front
from fronts.services import save_layout
from notifications.services import _create
from tests import people
from tests.articles.factories import ImageFactory
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def violations(page, where):
    found = Axe().run(page).response["violations"]
    return [f"{where}: {v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in found]


def test_the_desk_screens_have_no_accessibility_violations(page):
    sofia = people.editor(username="sofia", display_name="Sofia Reyes")
    writer = people.writer(username="tom", display_name="Tom Hale")
    story = ArticleFactory(
        headline="Harbour fees", body="First.\n\nSecond.", authors=[sofia, writer]
    )
    review = ArticleFactory(headline="Ferry times", status=Article.Status.IN_REVIEW)
    _create(
        [sofia.pk],
        kind="submitted",
        text="Tom Hale submitted “Ferry times”",
        article_id=review.pk,
        actor_id=writer.pk,
    )
    log_in(page, "sofia")
    found = []

    page.goto("/admin/notifications/mine/")
    expect(page.get_by_text("Tom Hale submitted “Ferry times”")).to_be_visible()
    found += violations(page, "notifications")
    page.goto("/admin/notifications/preferences/")
    found += violations(page, "preferences")
    page.goto(f"/admin/presence/{story.pk}/take-over/")
    found += violations(page, "take over")

    # "Publish selected articles": the check's warnings, read before publishing.
    page.goto("/admin/articles/article/")
    page.get_by_role("checkbox", name="Select this object for an action - Ferry times").check()
    page.get_by_label("Action:").select_option(label="Publish selected articles")
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Publish anyway: I have read these warnings")).to_be_visible()
    found += violations(page, "publish selected")

    # A front's history with a Writer's proposal, made before the Editor's latest change:
    # publishing it asks first.
    front = Front.objects.create()
    lead = ArticleFactory(published=True, headline="Bridge reopens")
    placed = {"article": lead.pk, "headline": "Bridge reopens"}
    layout = {"zones": [{"kind": "lead", "size": 1, "placements": [placed]}]}
    save_layout(front=front, layout=layout, user=sofia)
    save_layout(front=front, layout={"zones": []}, user=writer)
    placed["headline"] = "The bridge reopens"
    save_layout(front=front, layout=layout, user=sofia)
    page.goto(f"/admin/fronts/front/{front.pk}/layouts/")
    found += violations(page, "front history")
    page.get_by_role("button", name="Publish this proposal").click()
    expect(page.get_by_role("button", name="Publish it anyway")).to_be_visible()
    found += violations(page, "publishing an older proposal")

    # The merge panel: a save made behind this page's back, then this page's own save.
    page.goto(f"/admin/articles/article/{story.pk}/change/")
    behind = Article.objects.get(pk=story.pk)
    behind.body = "First, changed by a colleague.\n\nSecond."
    behind.save()
    page.get_by_role("button", name="Markdown source").click()
    page.locator("textarea.markdown-editor").fill("First, changed here.\n\nSecond.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.get_by_role("region", name="Merge your version with")).to_be_visible()
    found += violations(page, "merge")

    # A picture's page and the page asking to delete it: the stories that show it.
    picture = ImageFactory()
    ArticleFactory(published=True, headline="Quay at dawn", body=f"[[image {picture.pk}]]")
    page.goto(f"/admin/articles/image/{picture.pk}/change/")
    expect(page.get_by_role("link", name="Quay at dawn")).to_be_visible()
    found += violations(page, "picture")
    page.goto(f"/admin/articles/image/{picture.pk}/delete/")
    expect(page.get_by_role("alert")).to_contain_text("1 story shows this picture.")
    found += violations(page, "deleting a picture in use")

    assert found == []
