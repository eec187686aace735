"""The front's layout screen: a story moved up with the keyboard alone (Alt+Arrow) is
announced, saved, and leads the home page; a story dragged onto another takes its place,
and the preview (a new tab) shows it leading while readers still see the saved layout; the
screen and the history pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from fronts import services
from fronts.models import Front
from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def violations(page):
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} {[n['target'] for n in v['nodes']][:3]}" for v in found]


def test_an_editor_reorders_the_home_lead_by_keyboard_and_readers_see_it(page):
    editor = people.editor(username="sofia")
    first = ArticleFactory(published=True, headline="Ferry strike called off")
    second = ArticleFactory(published=True, headline="Harbour wall repaired")
    front = Front.objects.create()
    placed = [{"article": first.pk}, {"article": second.pk}]
    layout = {"zones": [{"kind": "lead", "size": 2, "placements": placed}]}
    services.save_layout(front=front, layout=layout, user=editor)
    log_in(page, "sofia")

    page.goto(f"/admin/fronts/front/{front.pk}/layout/")
    assert violations(page) == []
    story = page.locator(".fronts-story", has_text="Harbour wall repaired")
    story.focus()
    page.keyboard.press("Alt+ArrowUp")
    expect(page.locator("#fronts-announce")).to_have_text(
        "Harbour wall repaired: position 1 of 2 in Lead."
    )
    page.get_by_role("button", name="Move down: Harbour wall repaired").click()
    page.get_by_role("button", name="Move up: Harbour wall repaired").click()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messagelist")).to_contain_text("The layout is live.")
    page.goto(f"/admin/fronts/front/{front.pk}/layouts/")
    expect(page.get_by_text("Lead: reordered")).to_be_visible()
    assert violations(page) == []

    page.goto("/")
    lead = page.locator(".front__lead")
    expect(lead).to_contain_text("Harbour wall repaired")

    # Drag and drop: the second story dropped on the first leads, in the preview only.
    page.goto(f"/admin/fronts/front/{front.pk}/layout/")
    dragged = page.locator(".fronts-story", has_text="Ferry strike called off")
    dragged.drag_to(page.locator(".fronts-story", has_text="Harbour wall repaired"))
    expect(page.locator("#fronts-announce")).to_have_text(
        "Ferry strike called off: position 1 of 2 in Lead."
    )
    with page.context.expect_page() as opened:
        page.get_by_role("button", name="Preview").click()
    preview = opened.value
    expect(preview.locator(".front__lead")).to_contain_text("Ferry strike called off")
    expect(preview.locator(".front__lead")).not_to_contain_text("Harbour wall repaired")
    preview.close()
    page.goto("/")
    expect(page.locator(".front__lead")).not_to_contain_text("Ferry strike called off")
