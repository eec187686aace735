"""The pre-publish check as an editor meets it: Publish is refused while a picture lacks alt
text, then warns, and "Publish anyway" publishes; the panel passes axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from articles.models import Article
from tests import people
from tests.browser.test_accessibility import serious
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LONG_HEADLINE = "Harbour fees rise for the third time in two years as the council looks for money"


def press_publish(page, article):
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_label("Status").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    return page.get_by_role("alert").filter(has=page.locator("#publish-check-title"))


def test_an_editor_fixes_a_blocking_finding_then_publishes_past_a_warning(page):
    people.editor(username="sofia")
    picture = people.library_image(alt_text="")
    article = ArticleFactory(
        status=Article.Status.IN_REVIEW,
        headline=LONG_HEADLINE,
        standfirst="The vote ends two years of argument over who pays for the sea defences.",
        featured_image=picture,
    )
    log_in(page, "sofia")

    panel = press_publish(page, article)
    expect(panel.get_by_role("heading")).to_have_text("Not published: fix these first")
    expect(panel).to_contain_text("Add alt text to these images before publishing")
    expect(panel.get_by_label("Publish anyway: I have read these warnings")).to_have_count(0)

    # The fix: the picture's alt text, in the library.
    page.goto(f"/admin/articles/image/{picture.pk}/change/")
    page.get_by_label("Alt text").fill("Fishing boats moored in the harbour at dawn")
    page.get_by_role("button", name="Save", exact=True).click()

    panel = press_publish(page, article)
    expect(panel.get_by_role("heading")).to_have_text("Check before publishing")
    expect(panel).to_contain_text(f"The headline is {len(LONG_HEADLINE)} characters")
    expect(panel).not_to_contain_text("alt text")
    panel.get_by_role("link", name="Go to the field").first.focus()  # reachable by keyboard
    assert Axe().run(page, context="#publish-check").response["violations"] == []
    assert serious(Axe().run(page)) == []

    panel.get_by_label("Publish anyway: I have read these warnings").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was published; readers see it now")
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_publish_selected_names_the_held_story_before_the_editor_confirms(page):
    from django.test import Client

    people.editor(username="sofia")
    writer = people.writer(username="amara", display_name="Amara Okafor")
    held = ArticleFactory(
        status=Article.Status.IN_REVIEW, headline="Ferry strike", authors=[writer]
    )
    warned = ArticleFactory(status=Article.Status.IN_REVIEW, headline=LONG_HEADLINE)
    amara = Client()
    amara.force_login(writer)
    amara.get(f"/admin/articles/article/{held.pk}/change/")  # she has it open: she holds it
    log_in(page, "sofia")

    page.goto("/admin/articles/article/")
    for story in (held, warned):
        page.get_by_role("checkbox", name=f"Select this object for an action - {story}").check()
    page.locator("select[name=action]").select_option("publish_selected")
    page.get_by_role("button", name="Go", exact=True).click()

    expect(page.locator("#publish-check")).to_contain_text("The headline is")
    skipped = page.locator("#publish-held")
    expect(skipped.get_by_role("heading")).to_have_text("Skipped: someone is editing them")
    expect(skipped).to_contain_text("“Ferry strike”: Amara Okafor is editing it.")
    assert serious(Axe().run(page)) == []

    page.get_by_label("Publish anyway: I have read these warnings").check()
    page.get_by_role("button", name="Publish the others").click()
    expect(page.locator(".messagelist")).to_contain_text("Published 1 article(s).")
    expect(page.locator(".messagelist")).to_contain_text("Skipped “Ferry strike”")
    assert list(Article.objects.published()) == [warned]
