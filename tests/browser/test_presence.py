"""Three people in one article, each in their own browser: the second sees the first and a
read-only form, takes over, and the first is told on their next heartbeat with their
unsaved text still on screen; a writer who comes in third sees both, and no take-over from
an editor, and drops out for the others when they close the tab."""

import pytest
from playwright.sync_api import expect

from tests import people
from tests.browser.test_article_body import log_in
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_second_person_sees_the_holder_takes_over_and_the_first_is_told(
    page, browser, live_server, settings
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1  # the form beats every second here, not 20
    sofia = people.editor(username="sofia", display_name="Sofia Reyes")
    amara = people.editor(username="amara", display_name="Amara Okafor")
    article = ArticleFactory(headline="Storm closes the harbour", authors=[sofia, amara])
    change = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, "sofia")
    page.goto(change)
    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    second = other.new_page()
    second.set_default_timeout(10_000)
    try:
        log_in(second, "amara")
        second.goto(change)

        panel = second.locator("#presence")
        expect(panel).to_contain_text("Sofia Reyes is editing this article since")
        expect(second.get_by_label("Headline")).not_to_be_editable()
        expect(second.get_by_role("button", name="Save", exact=True)).to_be_hidden()
        expect(page.locator("#presence")).to_contain_text("Amara Okafor has it open, since")

        page.get_by_label("Headline").fill("Storm closes the harbour for a second night")
        panel.get_by_role("link", name="Take over").click()
        expect(second.get_by_text("Sofia Reyes may lose unsaved work; take over?")).to_be_visible()
        second.get_by_role("button", name="Take over").click()
        expect(second.get_by_label("Headline")).to_be_editable()

        told = page.locator("#presence")
        expect(told).to_contain_text("Amara Okafor took over at")
        expect(told).to_contain_text("Your unsaved text is kept as your autosave.")
        expect(told.get_by_role("link", name="Take back")).to_be_visible()
        expect(page.get_by_label("Headline")).not_to_be_editable()
        expect(page.get_by_label("Headline")).to_have_value(
            "Storm closes the harbour for a second night"
        )
        expect(page.get_by_role("button", name="Save", exact=True)).to_be_hidden()

        # A writer comes in third: sees who edits and who reads, and cannot take over.
        article.authors.add(people.writer(username="tom", display_name="Tom Hale"))
        third_context = browser.new_context(base_url=live_server.url)
        third = third_context.new_page()
        log_in(third, "tom")
        third.goto(change)
        seen = third.locator("#presence")
        expect(seen).to_contain_text("Amara Okafor is editing this article since")
        expect(seen).to_contain_text("Sofia Reyes has it open")
        expect(seen.get_by_role("link", name="Take over")).to_have_count(0)
        expect(second.locator("#presence")).to_contain_text("Tom Hale has it open")

        # Closing the tab drops the writer out for the others at their next heartbeat.
        third.close(run_before_unload=True)
        expect(second.locator("#presence")).not_to_contain_text("Tom Hale")
        expect(page.locator("#presence")).not_to_contain_text("Tom Hale")
        third_context.close()
    finally:
        other.close()


def test_a_tab_left_idle_frees_the_article_and_comes_back_read_only_once_taken(
    page, browser, live_server, settings
):
    settings.PRESENCE_HEARTBEAT_SECONDS = 1
    settings.PRESENCE_IDLE_SECONDS = 5  # 15 minutes on the site
    people.editor(username="sofia", display_name="Sofia Reyes")
    people.editor(username="amara", display_name="Amara Okafor")
    article = ArticleFactory(headline="Tide tables for the week")
    change = f"/admin/articles/article/{article.pk}/change/"
    page.clock.install()  # the tab's timers and Date move when the test says
    log_in(page, "sofia")
    page.goto(change)
    expect(page.get_by_label("Headline")).to_be_editable()

    page.clock.run_for(6_000)  # nobody at Sofia's tab
    expect(page.locator("#presence")).to_contain_text("You were away, so this article was left")

    other = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    try:
        second = other.new_page()
        log_in(second, "amara")
        second.goto(change)
        expect(second.get_by_label("Headline")).to_be_editable()  # the article was free

        page.get_by_label("Headline").press("End")  # Sofia is back
        expect(page.locator("#presence")).to_contain_text("Amara Okafor is editing this article")
        expect(page.get_by_label("Headline")).not_to_be_editable()
    finally:
        other.close()
